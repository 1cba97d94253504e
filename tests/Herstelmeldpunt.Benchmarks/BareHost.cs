using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// The ceiling the portal is compared with: a bare minimal-API host (this executable, mode "bare-host") that answers
/// /health/live and inserts the same five rows an intake stores (report, case, journal, timer, receipt mail) with
/// plain Npgsql (or Microsoft.Data.Sqlite on the SQLite file) in one transaction — no antiforgery, validation, EF,
/// encryption or rendering.
/// </summary>
public static class BareHost
{
    public static async Task RunAsync(int port, string connectionString, bool sqlite)
    {
        var builder = WebApplication.CreateBuilder(); // the default host a developer starts with (not the slim one)
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        if (sqlite)
        {
            MapSqliteInsert(app, connectionString);
            await app.RunAsync();
            return;
        }

        await using var data = NpgsqlDataSource.Create(connectionString);
        app.MapGet("/health/live", () => Results.Ok());
        app.MapPost("/insert", async () =>
        {
            await using var connection = await data.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var id = Guid.CreateVersion7();
            var now = DateTime.UtcNow;
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Command("""INSERT INTO "Reports" ("Id","ReferenceNumber","IdempotencyKey","ReceivedAt","Source","Urgency","Language","FullName","Bsn","DateOfBirth","PreferredChannel","PreferredTime","FiledByRepresentative","RepresentativeDeclaredAuthorised","EmotionalTrouble","PsychologicalTrouble","FinancialTrouble","Description","NoIncome","DebtCollectionOrEviction","CrisisOrDanger","ConsentGivenAt","BsnHash","NameIndex") VALUES ($1, 'HB-' || right(replace($1::text, '-', ''), 11), gen_random_uuid(), $2, 'PublicForm', 2, 'nl', 'Bare Host', '111222333', DATE '1970-01-01', 'Email', 'Morning', FALSE, FALSE, TRUE, FALSE, FALSE, 'Een beschrijving van wat er gebeurde.', FALSE, TRUE, FALSE, $2, 'x', ' x ')""", id, now),
                    Command("""INSERT INTO "WorkflowInstances" ("Id","DefinitionId","DefinitionVersion","State","Version","StartedAt","StateEnteredAt") VALUES ($1, 'herstelmelding', 4, 'screening', 1, $2, $2)""", id, now),
                    Command("""INSERT INTO "WorkflowJournal" ("Id","InstanceId","Sequence","At","ActorName","Transition","FromState","ToState","DefinitionId","DefinitionVersion") VALUES (gen_random_uuid(), $1, 1, $2, 'Publiek formulier', 'start', NULL, 'screening', 'herstelmelding', 4)""", id, now),
                    Command("""INSERT INTO "WorkflowTimers" ("Id","InstanceId","State","Name","DueAt","FiresAction","CreatedAt") VALUES (gen_random_uuid(), $1, 'screening', 'intake', $2 + interval '5 days', 'escalate_to_manager', $2)""", id, now),
                    Command("""INSERT INTO "OutboxMessages" ("Id","IdempotencyKey","ToAddress","ToAddressHash","Subject","TextBody","Template","ContainsOneTimeLink","Priority","CaseId","CreatedAt","NextAttemptAt","Attempts") VALUES (gen_random_uuid(), 'receipt:' || $1::text, 'melder@example.nl', 'x', 'Uw melding is ontvangen', 'Tekst', 'receipt', FALSE, 1, $1, $2, $2 + interval '1 year', 0)""", id, now),
                },
            };
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return Results.Created($"/{id}", null);
        });
        await app.RunAsync();
    }

    /// <summary>The same five rows in the SQLite file, with values bound as the portal's EF model stores them (GUIDs as upper-case text).</summary>
    private static void MapSqliteInsert(WebApplication app, string connectionString)
    {
        app.MapGet("/health/live", () => Results.Ok());
        app.MapPost("/insert", async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var wait = new SqliteCommand("PRAGMA busy_timeout = 5000;", connection))
            {
                await wait.ExecuteNonQueryAsync(); // as the portal's connections (SqliteBusyTimeout): SQLite waits for the writer itself
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var id = Guid.CreateVersion7();
            var now = DateTime.UtcNow;
            string[] statements =
            [
                """INSERT INTO "Reports" ("Id","ReferenceNumber","IdempotencyKey","ReceivedAt","Source","Urgency","Language","FullName","Bsn","DateOfBirth","PreferredChannel","PreferredTime","FiledByRepresentative","RepresentativeDeclaredAuthorised","EmotionalTrouble","PsychologicalTrouble","FinancialTrouble","Description","NoIncome","DebtCollectionOrEviction","CrisisOrDanger","ConsentGivenAt","BsnHash","NameIndex") VALUES ($id, 'HB-' || substr($id, 25, 12), $key, $now, 'PublicForm', 2, 'nl', 'Bare Host', '111222333', '1970-01-01', 'Email', 'Morning', 0, 0, 1, 0, 0, 'Een beschrijving van wat er gebeurde.', 0, 1, 0, $now, 'x', ' x ')""",
                """INSERT INTO "WorkflowInstances" ("Id","DefinitionId","DefinitionVersion","State","Version","StartedAt","StateEnteredAt") VALUES ($id, 'herstelmelding', 4, 'screening', 1, $now, $now)""",
                """INSERT INTO "WorkflowJournal" ("Id","InstanceId","Sequence","At","ActorName","Transition","FromState","ToState","DefinitionId","DefinitionVersion") VALUES ($row1, $id, 1, $now, 'Publiek formulier', 'start', NULL, 'screening', 'herstelmelding', 4)""",
                """INSERT INTO "WorkflowTimers" ("Id","InstanceId","State","Name","DueAt","FiresAction","CreatedAt") VALUES ($row2, $id, 'screening', 'intake', $due, 'escalate_to_manager', $now)""",
                """INSERT INTO "OutboxMessages" ("Id","IdempotencyKey","ToAddress","ToAddressHash","Subject","TextBody","Template","ContainsOneTimeLink","Priority","CaseId","CreatedAt","NextAttemptAt","Attempts") VALUES ($row3, 'receipt:' || $id, 'melder@example.nl', 'x', 'Uw melding is ontvangen', 'Tekst', 'receipt', 0, 1, $id, $now, $later, 0)""",
            ];
            foreach (var sql in statements)
            {
                await using var command = new SqliteCommand(sql, connection, transaction);
                command.Parameters.AddWithValue("$id", Text(id));
                command.Parameters.AddWithValue("$key", Text(Guid.NewGuid()));
                command.Parameters.AddWithValue("$row1", Text(Guid.NewGuid()));
                command.Parameters.AddWithValue("$row2", Text(Guid.NewGuid()));
                command.Parameters.AddWithValue("$row3", Text(Guid.NewGuid()));
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$due", now.AddDays(5));
                command.Parameters.AddWithValue("$later", now.AddYears(1));
                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            return Results.Created($"/{id}", null);
        });
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static NpgsqlBatchCommand Command(string sql, Guid id, DateTime now) => new(sql) { Parameters = { new() { Value = id }, new() { Value = now } } };

    /// <summary>Starts this executable as the bare host; returns the process and how long until its first 200.</summary>
    public static async Task<(Process Process, TimeSpan StartedIn, int Port)> StartAsync(BenchDatabase database)
    {
        var port = AppNode.FreePort();
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { typeof(BareHost).Assembly.Location, "bare-host", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["BARE_CONNECTION"] = database.ConnectionString;
        info.Environment["BARE_PROVIDER"] = database.ProviderSetting;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine("[bare] " + line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine("[bare] " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return (process, watch.Elapsed, port);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20);
        }

        process.Kill();
        throw new InvalidOperationException("The bare host did not start.");
    }
}
