using System.Diagnostics;
using System.Globalization;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// The retention run on N seeded reports (docs/figures.md): the first run after go-live, when every
/// final case of the seeded year is past its period at once (throughput for 60 s, then stopped), and
/// the daily run in steady state, when all but one day's cases are anonymised already (dry-run count,
/// the whole run, and the candidate query's plan).
/// </summary>
public static class RetentionBenchmark
{
    public static async Task RunAsync(BenchDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        await HistorySeed.SeedAsync(database, count);
        var catalog = WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), CaseVocabulary.Create());
        var options = new RetentionOptions { ClosedDays = 365, WithdrawnDays = 365, OutsideTargetGroupDays = 365 }.Checked();
        var documentsFolder = Directory.CreateTempSubdirectory("retention-bench-").FullName;
        Retention NewRetention(AppDbContext db, TimeProvider clock) =>
            new(db, options, new Herstelmeldpunt.Web.Intake.IntakeOptions(), new DocumentStore(db, new DocumentOptions(), new VirusScanner(new DocumentOptions()), new DatabaseOptions { DataDirectory = documentsFolder }, clock, new Microsoft.Extensions.Localization.StringLocalizer<Ui>(new JsonStringLocalizerFactory())),
                catalog, clock, NullLogger<Retention>.Instance);

        // First run: a year later, every final case is due.
        var yearLater = new FixedClock(DateTimeOffset.UtcNow.AddDays(366));
        await using (var db = database.NewContext())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var watch = Stopwatch.StartNew();
            var due = await NewRetention(db, yearLater).DryRunAsync(CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dry run, first year: {due.Sum(d => d.Cases):N0} cases due ({string.Join(", ", due.Select(d => $"{d.FinalState} {d.Cases:N0}"))}) counted in {watch.Elapsed.TotalMilliseconds:N0} ms"));
        }

        await using (var db = database.NewContext())
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var watch = Stopwatch.StartNew();
            try
            {
                await NewRetention(db, yearLater).RunAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // stopped after 60 s on purpose: the case in hand rolls back
            }

            var done = await database.ScalarAsync<long>("SELECT count(*) FROM \"DeletionLog\"");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first run: {done:N0} cases anonymised in {watch.Elapsed.TotalSeconds:N1} s = {done / watch.Elapsed.TotalSeconds:N0} cases/s (one transaction per case)"));
        }

        // Steady state: everything but the last day's final cases was anonymised on earlier nights.
        await database.ExecuteAsync("""
            UPDATE "Reports" r SET "AnonymisedAt" = now() FROM "WorkflowInstances" i
            WHERE i."Id" = r."Id" AND i."State" IN ('closed','withdrawn','closed_outside_target_group') AND i."StateEnteredAt" < now() - interval '1 day' AND r."AnonymisedAt" IS NULL;
            INSERT INTO "DeletionLog" ("Id","CaseId","ReferenceNumber","At","FinalState","FinalSince","RetentionDays","Removed")
              SELECT gen_random_uuid(), i."Id", r."ReferenceNumber", now(), i."State", i."StateEnteredAt", 365, ''
              FROM "WorkflowInstances" i JOIN "Reports" r ON r."Id" = i."Id"
              WHERE r."AnonymisedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "DeletionLog" d WHERE d."CaseId" = i."Id");
            ANALYZE "Reports"; ANALYZE "DeletionLog";
            """);
        var nextNight = new FixedClock(DateTimeOffset.UtcNow.AddDays(365));
        await using (var db = database.NewContext())
        {
            var watch = Stopwatch.StartNew();
            var due = await NewRetention(db, nextNight).DryRunAsync(CancellationToken.None);
            var counted = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var anonymised = await NewRetention(db, nextNight).RunAsync(CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steady state: dry run {due.Sum(d => d.Cases):N0} due in {counted:N0} ms; the run anonymised {anonymised:N0} in {watch.Elapsed.TotalSeconds:N1} s"));
        }

        var cutoff = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var line in await database.QueryLinesAsync($"""
            EXPLAIN (ANALYZE, BUFFERS) SELECT i."Id", i."State", i."StateEnteredAt" FROM "WorkflowInstances" i JOIN "Reports" r ON i."Id" = r."Id"
            WHERE i."State" = 'closed' AND i."StateEnteredAt" >= (SELECT max("FinalSince") FROM "DeletionLog" WHERE "FinalState" = 'closed') AND i."StateEnteredAt" < '{cutoff}'
              AND r."AnonymisedAt" IS NULL ORDER BY i."StateEnteredAt" LIMIT 200
            """))
        {
            Console.WriteLine("    " + line);
        }

        Directory.Delete(documentsFolder, recursive: true);
    }
}

/// <summary>A clock standing at one moment (the benchmark's "a year later").</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
