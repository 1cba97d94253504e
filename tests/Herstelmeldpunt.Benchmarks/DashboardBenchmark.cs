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
        if (database.IsSqlite)
        {
            await SeedEntitiesAsync(database, count);
            return;
        }

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
                -- every report's receipt mail, sent (its one-time link cleared), as the outbox keeps them
                INSERT INTO "OutboxMessages" ("Id","IdempotencyKey","ToAddress","ToAddressHash","Subject","TextBody","Template","ContainsOneTimeLink","Priority","CaseId","CreatedAt","NextAttemptAt","SentAt","Attempts")
                  SELECT gen_random_uuid(), 'receipt:' || id, 'x', encode(hmac(convert_to('bsn:mail:melder' || i || '@example.nl', 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'),
                         'Uw melding is ontvangen', '', 'receipt', TRUE, 2, id, received, received, received + interval '20 seconds', 1 FROM seed;
                INSERT INTO "FollowUpCalls" ("Id","CaseId","Attempt","ScheduledFor","CalledAt","Reached","Satisfaction","SatisfiedWithProvision","ActionNeeded")
                  SELECT gen_random_uuid(), id, 1, received, received + interval '30 days', TRUE, 1 + floor(random() * 5)::int, random() < 0.7, random() < 0.1 FROM seed WHERE state = 'closed';
                ANALYZE;
                """);
#pragma warning restore EF1002
            // A table in use has been vacuumed: visibility maps set, so index-only scans need no heap visits.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            Console.WriteLine($"Seeded {count:N0} reports (with cases, journal, timers, calls, receipt mails) in {seed.Elapsed.TotalSeconds:N1} s");
        }

    }

    private static readonly string[] SeedStates = ["screening", "awaiting_information", "with_committee", "advice_review", "awaiting_decision", "decision_proposed", "follow_up_call", "closed", "withdrawn", "closed_outside_target_group"];

    private static readonly string[] SeedNames = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos"];

    /// <summary>
    /// The same history as the PostgreSQL seed, for the SQLite file (a single office's size), written through the
    /// app's own model so encryption and keyed hashes are as the portal writes them; 2,000 reports per transaction.
    /// </summary>
    private static async Task SeedEntitiesAsync(BenchDatabase database, int count)
    {
        var seed = Stopwatch.StartNew();
        var random = new Random(20261130);
        var now = DateTime.UtcNow;
        DateTime Between(DateTime from, DateTime to) => from + ((to - from) * random.NextDouble());
        await using var db = database.NewContext();
        for (var i = 1; i <= count; i++)
        {
            var id = Guid.CreateVersion7();
            var received = now - (TimeSpan.FromDays(365) * random.NextDouble());
            var state = SeedStates[random.Next(SeedStates.Length)];
            var bsn = (100_000_000 + (i % 50 == 0 ? i - 1 : i)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            db.Reports.Add(new Web.Reports.Report
            {
                Id = id,
                ReferenceNumber = "HM-" + i.ToString("D11", System.Globalization.CultureInfo.InvariantCulture),
                IdempotencyKey = Guid.NewGuid(),
                ReceivedAt = received,
                Source = random.NextDouble() < 0.8 ? Web.Reports.ReportSource.PublicForm : Web.Reports.ReportSource.Staff,
                Urgency = (Web.Reports.UrgencyLevel)(1 + random.Next(3)),
                FullName = SeedNames[i % 10] + " " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Bsn = bsn,
                DateOfBirth = new DateOnly(1960, 1, 1),
                PreferredChannel = Web.Reports.ContactChannel.Email,
                PreferredTime = Web.Reports.ContactTime.Morning,
                EmotionalTrouble = true,
                Description = "x",
                ConsentGivenAt = received,
            });
            db.WorkflowInstances.Add(new Workflow.Engine.WorkflowInstance
            {
                Id = id,
                DefinitionId = "herstelmelding",
                DefinitionVersion = 2,
                State = state,
                Version = 2,
                StartedAt = received,
                StateEnteredAt = Between(received, now),
            });
            db.WorkflowJournal.Add(new Workflow.Engine.WorkflowJournalEntry
            {
                Id = Guid.NewGuid(),
                InstanceId = id,
                Sequence = 2,
                At = Between(received, now),
                ActorName = "seed",
                Transition = "seed",
                FromState = "screening",
                ToState = state,
                DefinitionId = "herstelmelding",
                DefinitionVersion = 2,
            });
            if (i % 3 == 0)
            {
                var due = received.AddDays(7);
                db.WorkflowTimers.Add(new Workflow.Engine.WorkflowTimer
                {
                    Id = Guid.NewGuid(),
                    InstanceId = id,
                    State = state,
                    Name = "deadline",
                    DueAt = due,
                    FiresAction = "escalate_to_manager",
                    CreatedAt = received,
                    FiredAt = due < now ? due : null,
                });
            }

            db.OutboxMessages.Add(new Web.Email.OutboxMessage
            {
                Id = Guid.NewGuid(),
                IdempotencyKey = "receipt:" + id,
                ToAddress = $"melder{i}@example.nl",
                Subject = "Uw melding is ontvangen",
                Template = "receipt",
                ContainsOneTimeLink = true,
                Priority = Web.Email.OutboxPriority.Receipt,
                CaseId = id,
                CreatedAt = received,
                NextAttemptAt = received,
                SentAt = received.AddSeconds(20),
                Attempts = 1,
            });
            if (state == "closed")
            {
                db.FollowUpCalls.Add(new Web.Cases.FollowUpCall
                {
                    Id = Guid.NewGuid(),
                    CaseId = id,
                    Attempt = 1,
                    ScheduledFor = received,
                    CalledAt = received.AddDays(30),
                    Reached = true,
                    Satisfaction = 1 + random.Next(5),
                    SatisfiedWithProvision = random.NextDouble() < 0.7,
                    ActionNeeded = random.NextDouble() < 0.1,
                });
            }

            if (i % 2_000 == 0 || i == count)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"Seeded {count:N0} reports in SQLite (with cases, journal, timers, calls, receipt mails) in {seed.Elapsed.TotalSeconds:N1} s");
    }
}
