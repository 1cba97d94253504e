using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// Where the public form's CPU goes: the node's CPU per request for each step of the form on its own (50 clients,
/// each repeating one step), next to /health/live as the pipeline's floor. For finding what to make cheaper;
/// the budget itself is measured by the national benchmark.
/// </summary>
public static class IntakeParts
{
    public static async Task RunAsync(BenchDatabase database, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var smtp = SmtpServer.Start();
        await using var node = await AppNode.StartAsync(database, migrate: true, new Dictionary<string, string>
        {
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Intake__MinimumFillTime"] = "00:00:00",
            ["Intake__RequestsPerAddress"] = "100000000",
            ["Intake__ReportsPerMinute"] = "100000000", // a throughput measurement: the flood ceiling would turn the load away
            ["Intake__ReceiptMailInterval"] = "00:00:00",
        });
        var people = Enumerable.Range(0, 50).Select(_ => new WebClient(node.Port)).ToList();
        try
        {
            var forms = new List<string>();
            foreach (var person in people)
            {
                forms.Add((await person.GetAsync("/melden")).Html); // each client's form (its cookie and token), posted again and again below
            }

            await MeasureAsync(node, "GET /health/live", duration, people, (p, _) => p.GetAsync("/health/live"), HttpStatusCode.OK);
            await MeasureAsync(node, "GET /melden (form)", duration, people, (p, _) => p.GetAsync("/melden"), HttpStatusCode.OK);
            await MeasureAsync(node, "POST review (check page)", duration, people, (p, i) => p.PostAsync(forms[i], "/melden?handler=Review", NationalBenchmark.IntakeAnswers(NationalBenchmark.Bsn())), HttpStatusCode.OK);
            async Task<(HttpStatusCode Status, string Html, string? Location)> WholeForm(WebClient p, int i)
            {
                var form = await p.GetAsync("/melden");
                var review = await p.PostAsync(form.Html, "/melden?handler=Review", NationalBenchmark.IntakeAnswers(NationalBenchmark.Bsn()));
                var sent = await p.PostAsync(review.Html, "/melden?handler=Submit", new Dictionary<string, string>());
                return sent.Status == HttpStatusCode.Redirect ? await p.GetAsync(sent.Location!) : sent;
            }

            await MeasureAsync(node, "whole form (form, check page, send, receipt), mail delivered meanwhile: first run", duration, people, WholeForm, HttpStatusCode.OK);
            await MeasureAsync(node, "whole form, mail delivered meanwhile: second run", duration, people, WholeForm, HttpStatusCode.OK);
            Console.WriteLine($"SMTP server received {smtp.CountReceived()} messages");
            await database.ExecuteAsync("""DELETE FROM "OutboxMessages" WHERE "SentAt" IS NULL""");
            await database.ExecuteAsync("""INSERT INTO "JobPauses" ("Job","PausedAt","PausedBy") VALUES ('outbox-delivery', CURRENT_TIMESTAMP, 'benchmark')""");
            await Task.Delay(TimeSpan.FromSeconds(20)); // a running sweep finishes
            await MeasureAsync(node, "whole form, mail delivery paused", duration, people, WholeForm, HttpStatusCode.OK);
            Console.WriteLine($"SMTP server received {smtp.CountReceived()} messages");
        }
        finally
        {
            people.ForEach(p => p.Dispose());
        }
    }

    /// <summary>Each client repeats the step for the duration; prints steps per second and the node's CPU per step.</summary>
    private static async Task MeasureAsync(AppNode node, string what, TimeSpan duration, List<WebClient> people, Func<WebClient, int, Task<(HttpStatusCode Status, string Html, string? Location)>> step, HttpStatusCode expected)
    {
        long count = 0;
        var cpuBefore = NationalBenchmark.CpuMilliseconds(node.ProcessId);
        var databaseBefore = DatabaseCpuMilliseconds();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(people.Select(async (person, i) =>
        {
            while (watch.Elapsed < duration)
            {
                var result = await step(person, i);
                if (result.Status != expected)
                {
                    throw new InvalidOperationException($"{what}: answered {(int)result.Status}");
                }

                Interlocked.Increment(ref count);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {count / seconds:0} /s, {(NationalBenchmark.CpuMilliseconds(node.ProcessId) - cpuBefore) / count:0.00} ms CPU in the node each, {(DatabaseCpuMilliseconds() - databaseBefore) / count:0.00} ms in PostgreSQL; node {NationalBenchmark.RssParts(node.ProcessId)}"));
    }

    /// <summary>CPU of every PostgreSQL process on this machine, those that ended included (their parent's children time).</summary>
    private static double DatabaseCpuMilliseconds()
    {
        double total = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                if (stat.Contains("(postgres)", StringComparison.Ordinal))
                {
                    total += NationalBenchmark.CpuMilliseconds(stat, withEndedChildren: true);
                }
            }
            catch (IOException)
            {
                // a process that ended meanwhile
            }
        }

        return total;
    }
}
