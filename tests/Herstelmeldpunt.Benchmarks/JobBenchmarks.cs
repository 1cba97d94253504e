using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// The background work at national scale, on real app processes (nodes) against one PostgreSQL
/// database: timers due at the same moment, the lag from due to fired, a flood of mail into a real SMTP
/// server, and what Hangfire costs when there is nothing to do.
/// </summary>
public static class JobBenchmarks
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Open cases in screening, one deadline timer each, and two managers to escalate to.</summary>
    private static async Task SeedCasesAsync(BenchDatabase database, int count, string dueAt)
    {
        await database.ExecuteAsync($"""
            CREATE TEMP TABLE IF NOT EXISTS seed_ids (id uuid, i int);
            CREATE EXTENSION IF NOT EXISTS pgcrypto;
            INSERT INTO "Reports" ("Id","ReferenceNumber","IdempotencyKey","ReceivedAt","Source","Urgency","Language","FullName","Bsn","DateOfBirth","PreferredChannel","PreferredTime",
                "FiledByRepresentative","RepresentativeDeclaredAuthorised","EmotionalTrouble","PsychologicalTrouble","FinancialTrouble","Description","NoIncome","DebtCollectionOrEviction","CrisisOrDanger","ConsentGivenAt",
                "BsnHash","NameIndex")
              SELECT md5('case' || i)::uuid, 'HM-' || lpad(i::text, 11, '0'), gen_random_uuid(), now() - interval '10 days', 'PublicForm', 1, 'nl', 'x', '111222333', DATE '1960-01-01',
                     'Email', 'Morning', FALSE, FALSE, TRUE, FALSE, FALSE, 'x', FALSE, FALSE, FALSE, now() - interval '10 days',
                     encode(hmac(convert_to('bsn:111222333', 'UTF8'), decode('{Convert.ToHexStringLower(database.HashKey)}', 'hex'), 'sha256'), 'hex'), ''
              FROM generate_series(1, {count}) AS i;
            INSERT INTO "WorkflowInstances" ("Id","DefinitionId","DefinitionVersion","State","Version","StartedAt","StateEnteredAt","AssigneeId")
              SELECT md5('case' || i)::uuid, 'herstelmelding', 2, 'screening', 1, now() - interval '10 days', now() - interval '10 days', NULL FROM generate_series(1, {count}) AS i;
            INSERT INTO "WorkflowTimers" ("Id","InstanceId","State","Name","DueAt","FiresAction","CreatedAt")
              SELECT gen_random_uuid(), md5('case' || i)::uuid, 'screening', 'screening_deadline', {dueAt}, 'escalate_to_manager', now() - interval '10 days' FROM generate_series(1, {count}) AS i;
            INSERT INTO "AspNetUsers" ("Id","DisplayName","IsDisabled","CreatedAt","Language","NotifyAssigned","NotifyEscalations","NotifyDeadlineSoon","UserName","NormalizedUserName","Email","NormalizedEmail","EmailConfirmed","PhoneNumberConfirmed","TwoFactorEnabled","LockoutEnabled","AccessFailedCount")
              SELECT 'manager-' || n, 'Manager ' || n, FALSE, now(), 'nl', TRUE, TRUE, TRUE, 'm' || n || '@example.nl', 'M' || n || '@EXAMPLE.NL', 'm' || n || '@example.nl', 'M' || n || '@EXAMPLE.NL', TRUE, FALSE, TRUE, TRUE, 0
              FROM generate_series(1, 2) AS n ON CONFLICT DO NOTHING;
            INSERT INTO "AspNetUserRoles" ("UserId","RoleId") SELECT 'manager-' || n, "Id" FROM "AspNetRoles", generate_series(1, 2) AS n WHERE "Name" = 'Manager' ON CONFLICT DO NOTHING;
            ANALYZE;
            """);
    }

    private static async Task<List<AppNode>> StartNodesAsync(BenchDatabase database, int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        // The first node migrates and creates the roles; the others start on a ready schema.
        var nodes = new List<AppNode> { await AppNode.StartAsync(database, migrate: true, settings) };
        for (var i = 1; i < count; i++)
        {
            nodes.Add(await AppNode.StartAsync(database, migrate: false, settings));
        }

        return nodes;
    }

    private static async Task StopAsync(List<AppNode> nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    public static async Task TimerDrainAsync(BenchDatabase database, int count, int nodeCount)
    {
        var nodes = await StartNodesAsync(database, nodeCount);
        try
        {
            var seed = Stopwatch.StartNew();
            await SeedCasesAsync(database, count, "now() + interval '30 days'");
            // Only the timers are measured: the escalation mails they queue wait (delivery paused).
            await database.ExecuteAsync("""INSERT INTO "JobPauses" ("Job","PausedAt","PausedBy") VALUES ('outbox-delivery', now(), 'benchmark')""");
            Console.WriteLine($"Seeded {count:N0} open cases with a deadline timer each in {seed.Elapsed.TotalSeconds:N1} s; {nodeCount} node(s) running");

            await database.ExecuteAsync("""UPDATE "WorkflowTimers" SET "DueAt" = now() - interval '1 second' WHERE "FiredAt" IS NULL""");
            var watch = Stopwatch.StartNew();
            long pending;
            do
            {
                await Task.Delay(1000);
                pending = await database.ScalarAsync<long>("""SELECT COUNT(*) FROM "WorkflowTimers" WHERE "FiredAt" IS NULL AND "CancelledAt" IS NULL""");
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds,6:N0} s: {count - pending:N0} fired");
            }
            while (pending > 0 && watch.Elapsed < TimeSpan.FromMinutes(20));

            var seconds = await database.ScalarAsync<double>("""SELECT EXTRACT(EPOCH FROM MAX("FiredAt") - MIN("FiredAt")) FROM "WorkflowTimers" """);
            var escalations = await database.ScalarAsync<long>("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "IdempotencyKey" LIKE 'escalation:%'""");
            var distinctTimers = await database.ScalarAsync<long>("""SELECT COUNT(DISTINCT split_part("IdempotencyKey", ':', 2)) FROM "OutboxMessages" WHERE "IdempotencyKey" LIKE 'escalation:%'""");
            Console.WriteLine($"RESULT timers: {count:N0} due at once, {nodeCount} nodes: all fired in {seconds:N1} s (first to last firing; {count / Math.Max(seconds, 0.001):N0}/s); " +
                $"{escalations:N0} escalation mails for {distinctTimers:N0} timers x 2 managers; still pending {pending:N0}");
        }
        finally
        {
            await StopAsync(nodes);
        }
    }

    public static async Task TimerLagAsync(BenchDatabase database, int count, int seconds)
    {
        var nodes = await StartNodesAsync(database, 2);
        try
        {
            await SeedCasesAsync(database, count, "now() + interval '30 days'");
            await database.ExecuteAsync("""INSERT INTO "JobPauses" ("Job","PausedAt","PausedBy") VALUES ('outbox-delivery', now(), 'benchmark')""");
            // Spread over the window, as deadlines fall in a normal day.
            await database.ExecuteAsync($"""UPDATE "WorkflowTimers" SET "DueAt" = now() + interval '5 seconds' + random() * interval '{seconds} seconds' WHERE "FiredAt" IS NULL""");
            Console.WriteLine($"{count:N0} timers due over the next {seconds} s on 2 nodes");
            var watch = Stopwatch.StartNew();
            while (await database.ScalarAsync<long>("""SELECT COUNT(*) FROM "WorkflowTimers" WHERE "FiredAt" IS NULL""") > 0 && watch.Elapsed < TimeSpan.FromSeconds(seconds + 120))
            {
                await Task.Delay(2000);
            }

            var lag = await database.ScalarAsync<string>("""
                SELECT to_char(percentile_cont(0.5) WITHIN GROUP (ORDER BY l), 'FM990.00') || ' / ' || to_char(percentile_cont(0.99) WITHIN GROUP (ORDER BY l), 'FM990.00') || ' / ' || to_char(MAX(l), 'FM990.00')
                FROM (SELECT EXTRACT(EPOCH FROM "FiredAt" - "DueAt") AS l FROM "WorkflowTimers" WHERE "FiredAt" IS NOT NULL) x
                """);
            Console.WriteLine($"RESULT timer-lag: {count:N0} timers spread over {seconds} s, 2 nodes: lag from due to fired p50 / p99 / max = {lag} s");
        }
        finally
        {
            await StopAsync(nodes);
        }
    }

    public static async Task MailDrainAsync(BenchDatabase database, int count, int nodeCount)
    {
        using var smtp = SmtpServer.Start();
        var nodes = await StartNodesAsync(database, nodeCount, new Dictionary<string, string>
        {
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = smtp.Port.ToString(Invariant),
        });
        try
        {
            await database.ExecuteAsync("""INSERT INTO "JobPauses" ("Job","PausedAt","PausedBy") VALUES ('workflow-timers', now(), 'benchmark')""");
            var cpuBefore = nodes.Sum(n => NationalBenchmark.CpuMilliseconds(n.ProcessId));
            var watch = Stopwatch.StartNew();
            // Clear text in the rows (read as it is, ADR 0014) and a placeholder address hash: the drain does not use it.
            await database.ExecuteAsync($"""
                INSERT INTO "OutboxMessages" ("Id","IdempotencyKey","ToAddress","ToAddressHash","Subject","TextBody","HtmlBody","Template","ContainsOneTimeLink","Priority","CaseId","CreatedAt","NextAttemptAt","Attempts")
                SELECT gen_random_uuid(), 'bench:' || i, 'melder' || i || '@example.nl', 'bench', 'Uw melding is ontvangen', repeat('Tekst van de ontvangstbevestiging. ', 30),
                       '<!DOCTYPE html><html lang="nl"><body><h1>Ontvangen</h1><p>' || repeat('Tekst. ', 60) || '</p></body></html>', 'receipt', FALSE, 2, NULL, now(), now(), 0
                FROM generate_series(1, {count}) AS i
                """);
            Console.WriteLine($"{count:N0} receipts queued; {nodeCount} node(s), SMTP server on port {smtp.Port}");
            await Task.Delay(5000);
            // Staff mail in the middle of the flood.
            await database.ExecuteAsync("""
                INSERT INTO "OutboxMessages" ("Id","IdempotencyKey","ToAddress","ToAddressHash","Subject","TextBody","Template","ContainsOneTimeLink","Priority","CreatedAt","NextAttemptAt","Attempts")
                SELECT gen_random_uuid(), 'bench-staff:' || i, 'medewerker' || i || '@example.nl', 'bench', 'Termijn verlopen', 'Escalatie', 'escalation', FALSE, 0, now(), now(), 0 FROM generate_series(1, 10) AS i
                """);
            long pending;
            do
            {
                await Task.Delay(1000);
                pending = await database.ScalarAsync<long>("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "SentAt" IS NULL AND "FailedAt" IS NULL""");
            }
            while (pending > 0 && watch.Elapsed < TimeSpan.FromMinutes(10));

            var seconds = await database.ScalarAsync<double>("""SELECT EXTRACT(EPOCH FROM MAX("SentAt") - MIN("CreatedAt")) FROM "OutboxMessages" WHERE "IdempotencyKey" LIKE 'bench:%'""");
            var staffWait = await database.ScalarAsync<double>("""SELECT EXTRACT(EPOCH FROM MAX("SentAt" - "CreatedAt")) FROM "OutboxMessages" WHERE "IdempotencyKey" LIKE 'bench-staff:%'""");
            var received = smtp.CountReceived();
            Console.WriteLine($"CPU in the node(s): {(nodes.Sum(n => NationalBenchmark.CpuMilliseconds(n.ProcessId)) - cpuBefore) / count:N2} ms per mail (including the idle seconds of the drain)");
            Console.WriteLine($"RESULT mail: {count:N0} queued mails reached the SMTP server in {seconds:N1} s ({count / seconds:N0}/s), {nodeCount} node(s); " +
                $"10 staff mails queued mid-flood waited at most {staffWait:N1} s; the server received {received:N0} messages (expected {count + 10:N0}); unsent {pending:N0}");
        }
        finally
        {
            await StopAsync(nodes);
        }
    }

    public static async Task IdleCostAsync(BenchDatabase database, int seconds)
    {
        var nodes = await StartNodesAsync(database, 2);
        try
        {
            await Task.Delay(10_000); // let start-up settle
            var sql = $"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{database.Name}'";
            var before = await database.ScalarAsync<long>(sql);
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var after = await database.ScalarAsync<long>(sql);
            Console.WriteLine($"RESULT idle: 2 idle nodes with the default settings: {(after - before - 2) / (double)seconds:N1} transactions/s on the database over {seconds} s");
        }
        finally
        {
            await StopAsync(nodes);
        }
    }
}
