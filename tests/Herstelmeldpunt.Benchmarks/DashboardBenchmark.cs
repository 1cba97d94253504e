using System.Diagnostics;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>Dashboard response time on N seeded reports.</summary>
public static class DashboardBenchmark
{
    public static async Task RunAsync(BenchDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        await SeedAsync(database, count);

        var catalog = WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), CaseVocabulary.Create());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = new Period(new DateOnly(today.Year, today.Month, 1).AddMonths(-2), today);
        var timings = new List<double>();
        for (var run = 0; run < 12; run++)
        {
            await using var db = database.NewContext();
            var watch = Stopwatch.StartNew();
            var figures = await new Dashboard(db, catalog, TimeProvider.System, new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()), new DashboardOptions { CacheSeconds = 0 }).FiguresAsync(period, CancellationToken.None);
            watch.Stop();
            if (run >= 2)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds); // the first two warm up connections and plans
            }

            if (run == 0)
            {
                Console.WriteLine($"Period {period.From}..{period.To}: {figures.Received:N0} received, {figures.Ageing.Sum(a => a.Value):N0} open");
            }
        }

        timings.Sort();
        Console.WriteLine($"Dashboard figures, {timings.Count} runs: median {timings[timings.Count / 2]:N0} ms, p90 {timings[(int)(timings.Count * 0.9)]:N0} ms, max {timings[^1]:N0} ms");
    }

    /// <summary>N reports with a realistic spread of steps, urgency and age, with their cases, journal, timers (a third escalated when due) and calls.</summary>
    public static async Task SeedAsync(BenchDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        var hashKey = Convert.ToHexStringLower(database.HashKey);
        await using (var db = database.NewContext())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(20));
            var seed = Stopwatch.StartNew();
#pragma warning disable EF1002 // the only values put into this SQL are an int parsed above and a hex key made here
            await db.Database.ExecuteSqlRawAsync($"""
                CREATE TEMP TABLE seed AS
                  SELECT gen_random_uuid() AS id, i,
                         now() - random() * interval '365 days' AS received,
                         (ARRAY['screening','awaiting_information','with_committee','advice_review','awaiting_decision','decision_proposed','follow_up_call','closed','withdrawn','closed_outside_target_group'])[1 + floor(random() * 10)::int] AS state
                  FROM generate_series(1, {count}) AS i;
                CREATE EXTENSION IF NOT EXISTS pgcrypto;
                INSERT INTO "Reports" ("Id","ReferenceNumber","IdempotencyKey","ReceivedAt","Source","Urgency","Language","FullName","Bsn","DateOfBirth","PreferredChannel","PreferredTime",
                    "FiledByRepresentative","RepresentativeDeclaredAuthorised","EmotionalTrouble","PsychologicalTrouble","FinancialTrouble","Description","NoIncome","DebtCollectionOrEviction","CrisisOrDanger","ConsentGivenAt",
                    "BsnHash","NameIndex")
                  SELECT id, 'HM-' || lpad(i::text, 11, '0'), gen_random_uuid(), received, CASE WHEN random() < 0.8 THEN 'PublicForm' ELSE 'Staff' END, 1 + floor(random() * 3)::int,
                         'nl', name, bsn, DATE '1960-01-01', 'Email', 'Morning', FALSE, FALSE, TRUE, FALSE, FALSE, 'x', FALSE, FALSE, FALSE, received,
                         encode(hmac(convert_to('bsn:' || bsn, 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'),
                         ' ' || (SELECT string_agg(left(encode(hmac(convert_to('name:' || w, 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'), 16), ' ')
                                 FROM regexp_split_to_table(lower(name), '[^a-z0-9]+') AS w WHERE w <> '') || ' '
                  FROM (SELECT *, (ARRAY['Jansen','de Vries','Bakker','Visser','Smit','Meijer','de Boer','Mulder','de Groot','Bos'])[1 + i % 10] || ' ' || i AS name,
                               -- one BSN per person; one report in fifty is a second report of the person before it
                               (100000000 + CASE WHEN i % 50 = 0 THEN i - 1 ELSE i END)::text AS bsn
                        FROM seed) AS named;
                INSERT INTO "WorkflowInstances" ("Id","DefinitionId","DefinitionVersion","State","Version","StartedAt","StateEnteredAt","AssigneeId")
                  SELECT id, 'herstelmelding', 2, state, 2, received, received + (now() - received) * random(), NULL FROM seed;
                INSERT INTO "WorkflowJournal" ("Id","InstanceId","Sequence","At","ActorName","Transition","FromState","ToState","DefinitionId","DefinitionVersion")
                  SELECT gen_random_uuid(), id, 2, received + (now() - received) * random(), 'seed', 'seed', 'screening', state, 'herstelmelding', 2 FROM seed;
                INSERT INTO "WorkflowTimers" ("Id","InstanceId","State","Name","DueAt","FiresAction","CreatedAt","FiredAt")
                  SELECT gen_random_uuid(), id, state, 'deadline', received + interval '7 days', 'escalate_to_manager', received,
                         CASE WHEN received + interval '7 days' < now() THEN received + interval '7 days' END FROM seed WHERE i % 3 = 0;
                INSERT INTO "FollowUpCalls" ("Id","CaseId","Attempt","ScheduledFor","CalledAt","Reached","Satisfaction","SatisfiedWithProvision","ActionNeeded")
                  SELECT gen_random_uuid(), id, 1, received, received + interval '30 days', TRUE, 1 + floor(random() * 5)::int, random() < 0.7, random() < 0.1 FROM seed WHERE state = 'closed';
                ANALYZE;
                """);
#pragma warning restore EF1002
            // A table in use has been vacuumed: visibility maps set, so index-only scans need no heap visits.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            Console.WriteLine($"Seeded {count:N0} reports (with cases, journal, timers, calls) in {seed.Elapsed.TotalSeconds:N1} s");
        }

    }
}
