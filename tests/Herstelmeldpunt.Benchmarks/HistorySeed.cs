using System.Diagnostics;
using System.Globalization;
using System.Text;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// N reports with the history a national scheme would have after two years (the national-scale issue): received
/// over 730 days; urgency 70% normal, 25% high, 5% acute; most old cases closed (an open case is 90% likely when
/// just received, 20% at a year, 10% after); each case's journal the steps it really took to its state, one after the
/// other (so the estimates' statistics and the case page's timeline have a real history to read); one deadline
/// timer per case: an open case's on its current step (fired — escalated — once due), a closed case's cancelled or
/// fired; follow-up calls for the closed, a receipt mail for every report; a target-group register of three in five
/// of the people who reported and a fifth as many again who have not; an access log of three views per case by sixty
/// members of staff, and an audit log of one entry per two reports (mostly sign-ins).
/// </summary>
public static class HistorySeed
{
    /// <summary>The transitions (name, from, to) of definition version 2 a case took to reach each state it is seeded in.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Transition, string? From, string To)>> Paths = BuildPaths();

    /// <summary>Open states, with committee twice: the longest step holds the most cases.</summary>
    private static readonly string[] OpenStates = ["screening", "awaiting_information", "with_committee", "with_committee", "advice_review", "awaiting_decision", "decision_proposed", "follow_up_call"];

    private static readonly string[] ClosedStates = ["closed", "closed", "closed", "closed", "closed", "closed", "withdrawn", "closed_outside_target_group"];

    private static readonly string[] Names = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos"];

    private static Dictionary<string, IReadOnlyList<(string Transition, string? From, string To)>> BuildPaths()
    {
        (string, string?, string)[] main =
        [
            ("start", null, "screening"),
            ("route_to_committee", "screening", "with_committee"),
            ("submit_advice", "with_committee", "advice_review"),
            ("approve_advice", "advice_review", "awaiting_decision"),
            ("propose_decision", "awaiting_decision", "decision_proposed"),
            ("record_conversation", "decision_proposed", "decision_discussed"),
            ("finalise_decision", "decision_discussed", "decision_final"),
            ("provisions_carried_out", "decision_final", "follow_up_scheduled"),
            ("call_due", "follow_up_scheduled", "follow_up_call"),
            ("call_satisfied", "follow_up_call", "closed"),
        ];
        var paths = new Dictionary<string, IReadOnlyList<(string, string?, string)>>();
        for (var i = 0; i < main.Length; i++)
        {
            paths[main[i].Item3] = main[..(i + 1)];
        }

        paths["awaiting_information"] = [main[0], ("request_information", "screening", "awaiting_information")];
        paths["closed_outside_target_group"] = [main[0], ("outside_target_group", "screening", "closed_outside_target_group")];
        paths["withdrawn"] = [main[0], main[1], ("withdraw", "with_committee", "withdrawn")];
        return paths;
    }

    /// <summary>Days from entering a step to its deadline (the definition's norms: 5 working days, 6 weeks, 10 working days).</summary>
    private static int DeadlineDays(string state) => state switch
    {
        "screening" or "awaiting_information" => 7,
        "with_committee" => 42,
        _ => 14,
    };

    public static async Task SeedAsync(BenchDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite)
        {
            await SeedEntitiesAsync(database, count);
            return;
        }

        var hashKey = Convert.ToHexStringLower(database.HashKey);
        var path = new StringBuilder();
        foreach (var (state, steps) in Paths)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                path.Append(CultureInfo.InvariantCulture, $"{(path.Length == 0 ? "" : ",\n")}('{state}', {i + 1}, {steps.Count}, '{steps[i].Transition}', {(steps[i].From is { } from ? $"'{from}'" : "NULL")}, '{steps[i].To}')");
            }
        }

        static string Array(IEnumerable<string> values) => "ARRAY[" + string.Join(",", values.Select(v => $"'{v}'")) + "]";
        await using var db = database.NewContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var seed = Stopwatch.StartNew();
#pragma warning disable EF1002 // the only values put into this SQL are an int, a hex key made here and the constant names above
        await db.Database.ExecuteSqlRawAsync($"""
            CREATE TEMP TABLE path (state text, seq int, steps int, transition text, from_state text, to_state text);
            INSERT INTO path VALUES {path};
            CREATE TEMP TABLE seed AS
              SELECT id, i, received, state, urgency,
                     CASE WHEN state = 'screening' THEN received
                          WHEN state IN ({string.Join(",", OpenStates.Distinct().Select(s => $"'{s}'"))})
                          THEN greatest(received, now() - random() * interval '120 days')
                          ELSE received + (now() - received) * random() END AS entered
              FROM (SELECT gen_random_uuid() AS id, i, received,
                           CASE WHEN random() < CASE WHEN now() - received < interval '365 days'
                                                     THEN 0.9 - 0.7 * extract(epoch FROM now() - received) / extract(epoch FROM interval '365 days')
                                                     ELSE 0.1 END
                                THEN ({Array(OpenStates)})[1 + floor(random() * {OpenStates.Length})::int]
                                ELSE ({Array(ClosedStates)})[1 + floor(random() * {ClosedStates.Length})::int] END AS state,
                           CASE WHEN u < 0.70 THEN 1 WHEN u < 0.95 THEN 2 ELSE 3 END AS urgency
                    FROM (SELECT i, now() - random() * interval '730 days' AS received, random() AS u FROM generate_series(1, {count}) AS i) AS drawn) AS chosen;
            CREATE EXTENSION IF NOT EXISTS pgcrypto;
            INSERT INTO "Reports" ("Id","ReferenceNumber","IdempotencyKey","ReceivedAt","Source","Urgency","Language","FullName","Bsn","DateOfBirth","PreferredChannel","PreferredTime",
                "FiledByRepresentative","RepresentativeDeclaredAuthorised","EmotionalTrouble","PsychologicalTrouble","FinancialTrouble","Description","NoIncome","DebtCollectionOrEviction","CrisisOrDanger","ConsentGivenAt",
                "BsnHash","NameIndex")
              SELECT id, 'HM-' || lpad(i::text, 11, '0'), gen_random_uuid(), received, CASE WHEN random() < 0.8 THEN 'PublicForm' ELSE 'Staff' END, urgency,
                     'nl', name, bsn, DATE '1960-01-01', 'Email', 'Morning', FALSE, FALSE, TRUE, FALSE, FALSE, 'x', FALSE, FALSE, FALSE, received,
                     encode(hmac(convert_to('bsn:' || bsn, 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'),
                     ' ' || (SELECT string_agg(left(encode(hmac(convert_to('name:' || w, 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'), 16), ' ')
                             FROM regexp_split_to_table(lower(name), '[^a-z0-9]+') AS w WHERE w <> '') || ' '
              FROM (SELECT *, ({Array(Names)})[1 + i % 10] || ' ' || i AS name,
                           -- one BSN per person; one report in fifty is a second report of the person before it
                           (100000000 + CASE WHEN i % 50 = 0 THEN i - 1 ELSE i END)::text AS bsn
                    FROM seed) AS named;
            -- the target-group register: three in five of the people who reported, and a fifth as many again who have not
            --   (marked as reported when their first report came in, as the intake does)
            INSERT INTO "TargetGroupMembers" ("Id","Bsn","FullName","BenefitType","ReassessmentDate","Team","ImportedAt","AddressStreet","AddressPostcode","AddressCity","BsnHash","ReportedAt")
              SELECT gen_random_uuid(), bsn, 'Lid ' || bsn, CASE WHEN random() < 0.7 THEN 'Wga' ELSE 'Iva' END, DATE '2015-01-01' + floor(random() * 3000)::int, 'OTN Groningen', now(),
                     CASE WHEN with_address THEN 'Kerkstraat 1' END, CASE WHEN with_address THEN '9711 AB' END, CASE WHEN with_address THEN 'Groningen' END,
                     encode(hmac(convert_to('bsn:' || bsn, 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'), reported
              FROM (SELECT (100000000 + CASE WHEN i % 50 = 0 THEN i - 1 ELSE i END)::text AS bsn, min(received) AS reported, random() < 0.67 AS with_address FROM seed WHERE i % 5 < 3 GROUP BY 1
                    UNION ALL
                    SELECT (900000000 + j)::text, NULL, random() < 0.67 FROM generate_series(1, {count} / 5) AS j) AS people;
            INSERT INTO "WorkflowInstances" ("Id","DefinitionId","DefinitionVersion","State","Version","StartedAt","StateEnteredAt","AssigneeId")
              SELECT s.id, 'herstelmelding', 2, s.state, p.steps, s.received, s.entered, NULL FROM seed s JOIN path p ON p.state = s.state AND p.seq = 1;
            -- the steps one after the other, evenly between receipt and entering the current state
            INSERT INTO "WorkflowJournal" ("Id","InstanceId","Sequence","At","ActorName","Transition","FromState","ToState","DefinitionId","DefinitionVersion")
              SELECT gen_random_uuid(), s.id, p.seq,
                     CASE WHEN p.steps = 1 THEN s.received ELSE s.received + (s.entered - s.received) * ((p.seq - 1)::float8 / (p.steps - 1)) END,
                     CASE WHEN p.seq = 1 THEN 'Publiek formulier' ELSE 'seed' END, p.transition, p.from_state, p.to_state, 'herstelmelding', 2
              FROM seed s JOIN path p ON p.state = s.state;
            INSERT INTO "WorkflowTimers" ("Id","InstanceId","State","Name","DueAt","FiresAction","CreatedAt","FiredAt","CancelledAt")
              SELECT gen_random_uuid(), id, timer_state, 'deadline', due, 'escalate_to_manager', created,
                     CASE WHEN open AND due < now() THEN due WHEN NOT open AND i % 4 = 0 THEN due END,
                     CASE WHEN NOT open AND i % 4 <> 0 THEN created + (due - created) / 2 END
              FROM (SELECT id, i, open, CASE WHEN open THEN state ELSE 'screening' END AS timer_state,
                           CASE WHEN open THEN entered ELSE received END AS created,
                           CASE WHEN open THEN entered + make_interval(days => CASE state WHEN 'screening' THEN {DeadlineDays("screening")} WHEN 'awaiting_information' THEN {DeadlineDays("awaiting_information")} WHEN 'with_committee' THEN {DeadlineDays("with_committee")} ELSE {DeadlineDays("advice_review")} END)
                                ELSE received + interval '{DeadlineDays("screening")} days' END AS due
                    FROM (SELECT *, state IN ({string.Join(",", OpenStates.Distinct().Select(s => $"'{s}'"))}) AS open FROM seed) AS o) AS t;
            -- every report's receipt mail, sent (its one-time link cleared), as the outbox keeps them
            INSERT INTO "OutboxMessages" ("Id","IdempotencyKey","ToAddress","ToAddressHash","Subject","TextBody","Template","ContainsOneTimeLink","Priority","CaseId","CreatedAt","NextAttemptAt","SentAt","Attempts")
              SELECT gen_random_uuid(), 'receipt:' || id, 'x', encode(hmac(convert_to('bsn:mail:melder' || i || '@example.nl', 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'),
                     'Uw melding is ontvangen', '', 'receipt', TRUE, 2, id, received, received, received + interval '20 seconds', 1 FROM seed;
            INSERT INTO "FollowUpCalls" ("Id","CaseId","Attempt","ScheduledFor","CalledAt","Reached","Satisfaction","SatisfiedWithProvision","ActionNeeded")
              SELECT gen_random_uuid(), id, 1, entered - interval '30 days', entered, TRUE, 1 + floor(random() * 5)::int, random() < 0.7, random() < 0.1 FROM seed WHERE state = 'closed';
            -- who looked at which case (NEN 7513): three views per case between its receipt and its current step, by sixty members of staff
            INSERT INTO "AccessLog" ("Id","At","UserId","UserName","Roles","Action","CaseId","ClientAddress","Details")
              SELECT gen_random_uuid(), received + (entered - received) * random(), 'seed-staff-' || ((i * 7 + k) % 60), 'Medewerker ' || ((i * 7 + k) % 60),
                     'CommitteeMember', 'case.viewed', id, '10.0.0.1', ''
              FROM seed, generate_series(1, 3) AS k;
            -- the audit log: every sign-in is in it (~300 staff, twice a working day for two years), with now and then an administrative change
            INSERT INTO "AuditEntries" ("Id","At","ActorUserId","ActorName","Action","Subject","Details")
              SELECT gen_random_uuid(), now() - random() * interval '730 days', 'seed-staff-' || (j % 300), 'Medewerker ' || (j % 300),
                     CASE WHEN j % 50 = 0 THEN 'account.roles-changed' ELSE 'auth.signed-in' END, 'seed', ''
              FROM generate_series(1, {count} / 2) AS j;
            ANALYZE;
            """);
#pragma warning restore EF1002
        // A table in use has been vacuumed: visibility maps set, so index-only scans need no heap visits.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        Console.WriteLine($"Seeded {count:N0} reports (two years: cases, their journal, timers, calls, receipt mails, access and audit log) in {seed.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>
    /// The same history for the SQLite file (a single office's size), written through the app's own model so
    /// encryption and keyed hashes are as the portal writes them; 2,000 reports per transaction.
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
            var received = now - (TimeSpan.FromDays(730) * random.NextDouble());
            var age = (now - received).TotalDays;
            var openChance = age < 365 ? 0.9 - (0.7 * age / 365) : 0.1;
            var open = random.NextDouble() < openChance;
            var state = open ? OpenStates[random.Next(OpenStates.Length)] : ClosedStates[random.Next(ClosedStates.Length)];
            var u = random.NextDouble();
            var entered = state == "screening" ? received : open ? Max(received, now - (TimeSpan.FromDays(120) * random.NextDouble())) : Between(received, now);
            var steps = Paths[state];
            var bsn = (100_000_000 + (i % 50 == 0 ? i - 1 : i)).ToString(CultureInfo.InvariantCulture);
            db.Reports.Add(new Web.Reports.Report
            {
                Id = id,
                ReferenceNumber = "HM-" + i.ToString("D11", CultureInfo.InvariantCulture),
                IdempotencyKey = Guid.NewGuid(),
                ReceivedAt = received,
                Source = random.NextDouble() < 0.8 ? Web.Reports.ReportSource.PublicForm : Web.Reports.ReportSource.Staff,
                Urgency = u < 0.70 ? Web.Reports.UrgencyLevel.Normal : u < 0.95 ? Web.Reports.UrgencyLevel.High : Web.Reports.UrgencyLevel.Acute,
                FullName = Names[i % 10] + " " + i.ToString(CultureInfo.InvariantCulture),
                Bsn = bsn,
                DateOfBirth = new DateOnly(1960, 1, 1),
                PreferredChannel = Web.Reports.ContactChannel.Email,
                PreferredTime = Web.Reports.ContactTime.Morning,
                EmotionalTrouble = true,
                Description = "x",
                ConsentGivenAt = received,
            });
            db.WorkflowInstances.Add(new WorkflowInstance
            {
                Id = id,
                DefinitionId = "herstelmelding",
                DefinitionVersion = 2,
                State = state,
                Version = steps.Count,
                StartedAt = received,
                StateEnteredAt = entered,
            });
            for (var s = 0; s < steps.Count; s++)
            {
                db.WorkflowJournal.Add(new WorkflowJournalEntry
                {
                    Id = Guid.NewGuid(),
                    InstanceId = id,
                    Sequence = s + 1,
                    At = steps.Count == 1 ? received : received + ((entered - received) * ((double)s / (steps.Count - 1))),
                    ActorName = s == 0 ? "Publiek formulier" : "seed",
                    Transition = steps[s].Transition,
                    FromState = steps[s].From,
                    ToState = steps[s].To,
                    DefinitionId = "herstelmelding",
                    DefinitionVersion = 2,
                });
            }

            var created = open ? entered : received;
            var due = created.AddDays(DeadlineDays(open ? state : "screening"));
            db.WorkflowTimers.Add(new WorkflowTimer
            {
                Id = Guid.NewGuid(),
                InstanceId = id,
                State = open ? state : "screening",
                Name = "deadline",
                DueAt = due,
                FiresAction = "escalate_to_manager",
                CreatedAt = created,
                FiredAt = open ? (due < now ? due : null) : (i % 4 == 0 ? due : null),
                CancelledAt = !open && i % 4 != 0 ? created + ((due - created) / 2) : null,
            });
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
                db.FollowUpCalls.Add(new Web.Cases.FollowUp.FollowUpCall
                {
                    Id = Guid.NewGuid(),
                    CaseId = id,
                    Attempt = 1,
                    ScheduledFor = entered.AddDays(-30),
                    CalledAt = entered,
                    Reached = true,
                    Satisfaction = 1 + random.Next(5),
                    SatisfiedWithProvision = random.NextDouble() < 0.7,
                    ActionNeeded = random.NextDouble() < 0.1,
                });
            }

            for (var k = 1; k <= 3; k++)
            {
                var staff = ((i * 7) + k) % 60;
                db.AccessLog.Add(new Web.Audit.AccessLogEntry
                {
                    Id = Guid.NewGuid(),
                    At = Between(received, entered),
                    UserId = $"seed-staff-{staff}",
                    UserName = $"Medewerker {staff}",
                    Roles = "CommitteeMember",
                    Action = Web.Audit.AccessActions.CaseViewed,
                    CaseId = id,
                    ClientAddress = "10.0.0.1",
                });
            }

            if (i % 2 == 0)
            {
                db.AuditEntries.Add(new Web.Audit.AuditEntry
                {
                    Id = Guid.NewGuid(),
                    At = now.AddDays(-730 * random.NextDouble()),
                    ActorUserId = $"seed-staff-{i % 300}",
                    ActorName = $"Medewerker {i % 300}",
                    Action = i % 100 == 0 ? Web.Audit.AuditActions.AccountRolesChanged : Web.Audit.AuditActions.SignedIn,
                    Subject = "seed",
                });
            }

            if (i % 2_000 == 0 || i == count)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        // The register as on PostgreSQL: three in five of those who reported, and a fifth as many again who have not.
        var members = Enumerable.Range(1, count).Where(i => i % 5 < 3).Select(i => 100_000_000 + (i % 50 == 0 ? i - 1 : i)).Distinct()
            .Concat(Enumerable.Range(1, count / 5).Select(j => 900_000_000 + j)).ToList();
        foreach (var chunk in members.Chunk(2_000))
        {
            foreach (var number in chunk)
            {
                var bsn = number.ToString(CultureInfo.InvariantCulture);
                var withAddress = random.NextDouble() < 0.67;
                db.TargetGroupMembers.Add(new Web.TargetGroup.TargetGroupMember
                {
                    Id = Guid.NewGuid(),
                    Bsn = bsn,
                    FullName = "Lid " + bsn,
                    BenefitType = random.NextDouble() < 0.7 ? Web.TargetGroup.BenefitType.Wga : Web.TargetGroup.BenefitType.Iva,
                    ReassessmentDate = new DateOnly(2015, 1, 1).AddDays(random.Next(3000)),
                    Team = "OTN Groningen",
                    ImportedAt = now,
                    AddressStreet = withAddress ? "Kerkstraat 1" : null,
                    AddressPostcode = withAddress ? "9711 AB" : null,
                    AddressCity = withAddress ? "Groningen" : null,
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        await Web.TargetGroup.RegisterReports.MarkFromStoredReportsAsync(db, db.TargetGroupMembers, default); // as an import after the reports does
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"Seeded {count:N0} reports in SQLite (two years: cases, their journal, timers, calls, receipt mails) in {seed.Elapsed.TotalSeconds:N1} s");
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
