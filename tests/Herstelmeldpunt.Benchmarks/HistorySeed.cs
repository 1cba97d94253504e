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
                "BsnHash","NameIndex","LastMessageAt","CaseState")
              SELECT id, 'HM-' || lpad(i::text, 11, '0'), gen_random_uuid(), received, CASE WHEN random() < 0.8 THEN 'PublicForm' ELSE 'Staff' END, urgency,
                     'nl', name, bsn, DATE '1960-01-01', 'Email', 'Morning', FALSE, FALSE, TRUE, FALSE, FALSE, 'x', FALSE, FALSE, FALSE, received,
                     encode(hmac(convert_to('bsn:' || bsn, 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'),
                     ' ' || (SELECT string_agg(left(encode(hmac(convert_to('name:' || w, 'UTF8'), decode('{hashKey}', 'hex'), 'sha256'), 'hex'), 16), ' ')
                             FROM regexp_split_to_table(lower(name), '[^a-z0-9]+') AS w WHERE w <> '') || ' ',
                     -- an open case's person was last told something when it entered its step (the silence alarm counts from
                     -- there); the clock stops when a case comes to rest
                     CASE WHEN state IN ({string.Join(",", OpenStates.Distinct().Select(s => $"'{s}'"))}) THEN entered END,
                     state -- the state's copy the silence list reads (SilenceClock keeps it)
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
            -- the legal decision term of the decided cases (eight weeks; the closed ones). The open cases have none: with
            -- the seed's backlog every open case would be past its term and the daily estimate check (timed below) would
            -- spend the run writing to ~300,000 people that their decision will be late
            INSERT INTO "CaseDeadlines" ("CaseId","ReceivedOn","TermWorkingDays","SuspendedWorkingDays","ExtendedWorkingDays","DueOn","DecidedOn")
              SELECT id, received::date, 40, 0, 0, received::date + 56, (received + (entered - received) * 0.7)::date FROM seed WHERE state = 'closed';
            -- the promise ledger: every receipt (one in fifty late), the decision term of every open case (late once past it),
            --   the follow-up call of every closed case (one in ten late); late ones done a few days later, except the open cases' terms
            INSERT INTO "Promises" ("Id","CaseId","Kind","Due","Template","OwnerRole","State","CreatedAt","SettledAt","FulfilledAt")
              SELECT gen_random_uuid(), id, 'Receipt', received::date + 1, 'receipt', 'IntakeStaff', CASE WHEN i % 50 = 0 THEN 'Late' ELSE 'Kept' END, received,
                     received + CASE WHEN i % 50 = 0 THEN interval '2 days' ELSE interval '1 minute' END, CASE WHEN i % 50 = 0 THEN received + interval '4 days' END FROM seed
              UNION ALL
              SELECT gen_random_uuid(), id, 'DecisionTerm', received::date + 56, 'receipt', 'SmzDecisionMaker', CASE WHEN received + interval '56 days' < now() THEN 'Late' ELSE 'Open' END, received,
                     CASE WHEN received + interval '56 days' < now() THEN received + interval '57 days' END, NULL
              FROM seed WHERE state IN ({string.Join(",", OpenStates.Distinct().Select(s => $"'{s}'"))})
              UNION ALL
              SELECT gen_random_uuid(), id, 'Call', entered::date, 'follow_up_scheduled', 'CustomerContact', CASE WHEN i % 10 = 0 THEN 'Late' ELSE 'Kept' END, entered - interval '30 days',
                     entered, CASE WHEN i % 10 = 0 THEN entered + interval '3 days' END FROM seed WHERE state = 'closed';
            -- "call me back" after a message: one report in fifty, the last two days' not yet done
            INSERT INTO "CallbackRequests" ("Id","CaseId","Template","PartOfDay","Phone","RequestedAt","DueOn","Attempts","DoneAt","PromiseId")
              SELECT gen_random_uuid(), id, 'status_update', 1 + i % 2, '0612345678', entered, entered::date + 1, CASE WHEN entered > now() - interval '2 days' THEN 0 ELSE 1 END,
                     CASE WHEN entered > now() - interval '2 days' THEN NULL ELSE entered + interval '1 day' END, gen_random_uuid() FROM seed WHERE i % 50 = 7;
            -- complaints: one report in a hundred, decided within six weeks (the last six weeks' still open)
            INSERT INTO "Complaints" ("Id","CaseId","Subject","Text","Channel","FiledBy","ReceivedAt","ReceivedOn","DueOn","Extended","HearingWaived","DecidedAt","Outcome")
              SELECT gen_random_uuid(), id, (ARRAY['Treatment','Communication','Delay','Reachability','Other'])[1 + i % 5], 'x', CASE WHEN i % 3 = 0 THEN 'Phone' ELSE 'MyReport' END, 'Melder',
                     entered, entered::date, entered::date + 42, FALSE, TRUE,
                     CASE WHEN entered < now() - interval '42 days' THEN entered + interval '30 days' END,
                     CASE WHEN entered < now() - interval '42 days' THEN (ARRAY['Upheld','PartlyUpheld','NotUpheld'])[1 + i % 3] END
              FROM seed WHERE i % 100 = 3;
            -- objections: one closed case in fifty, within the six weeks
            INSERT INTO "Objections" ("Id","CaseId","ReceivedOn","RegisteredAt","FiledBy","Grounds","RepresentativeIsLawyer","LastDay","Late")
              SELECT gen_random_uuid(), id, entered::date + 10, entered + interval '10 days', 'Melder', 'x', FALSE, entered::date + 42, FALSE FROM seed WHERE state = 'closed' AND i % 50 = 11;
            -- the person's view on a proposed decision: every case with a proposal has its round, half answered in writing
            INSERT INTO "DecisionViews" ("Id","CaseId","ProposalSequence","OpenedAt","RespondBy","Response","RespondedAt","RecordedByStaff")
              SELECT gen_random_uuid(), id, 1, entered, entered::date + 14, CASE WHEN i % 2 = 0 THEN 'Written' END, CASE WHEN i % 2 = 0 THEN entered + interval '5 days' END, FALSE
              FROM seed WHERE state = 'decision_proposed';
            INSERT INTO "DecisionViewPoints" ("Id","ViewId","Number","Text")
              SELECT gen_random_uuid(), v."Id", k, 'x' FROM "DecisionViews" v, generate_series(1, 2) AS k WHERE v."Response" = 'Written';
            -- conversation slots: every closed case had its decision conversation (held), every proposal has one booked in the next
            --   two weeks, and forty members of staff offer eight free slots a day for the next thirty days
            INSERT INTO "ConversationSlots" ("Id","StaffUserId","StartsAt","Minutes","Mode","Purpose","CreatedAt","CaseId","BookedAt","HeldAt")
              SELECT gen_random_uuid(), 'seed-staff-' || (i % 40), date_trunc('hour', entered - interval '20 days'), 45, 'Phone', 'DecisionConversation', entered - interval '30 days', id,
                     entered - interval '25 days', entered - interval '20 days' FROM seed WHERE state = 'closed'
              UNION ALL
              SELECT gen_random_uuid(), 'seed-staff-' || (i % 40), date_trunc('hour', now() + (1 + i % 14) * interval '1 day'), 45, 'Phone', 'DecisionConversation', entered, id, entered, NULL
              FROM seed WHERE state = 'decision_proposed'
              UNION ALL
              SELECT gen_random_uuid(), 'seed-staff-' || s, date_trunc('day', now()) + d * interval '1 day' + (8 + h) * interval '1 hour', 45, 'Phone', 'DecisionConversation', now(), NULL, NULL, NULL
              FROM generate_series(0, 39) AS s, generate_series(1, 30) AS d, generate_series(0, 7) AS h;
            ANALYZE;
            """);
#pragma warning restore EF1002
        // A table in use has been vacuumed: visibility maps set, so index-only scans need no heap visits.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        Console.WriteLine($"Seeded {count:N0} reports (two years: cases, their journal, timers, calls, receipt mails, access and audit log, decision terms, promises, callbacks, complaints, objections, views on proposals, conversation slots) in {seed.Elapsed.TotalSeconds:N1} s");
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
                LastMessageAt = open ? entered : null,
                CaseState = state,
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

            AddLedger(db, i, id, state, open, received, entered, now);
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

    /// <summary>The same decision terms, promises, callbacks, complaints, objections, views and conversation slots as the PostgreSQL seed, per report.</summary>
    private static void AddLedger(Web.Data.AppDbContext db, int i, Guid id, string state, bool open, DateTime received, DateTime entered, DateTime now)
    {
        var receivedOn = DateOnly.FromDateTime(received);
        var enteredOn = DateOnly.FromDateTime(entered);
        if (state == "closed")
        {
            db.Set<Web.Cases.Terms.CaseDeadline>().Add(new Web.Cases.Terms.CaseDeadline
            {
                CaseId = id,
                ReceivedOn = receivedOn,
                TermWorkingDays = 40,
                DueOn = receivedOn.AddDays(56),
                DecidedOn = DateOnly.FromDateTime(received + ((entered - received) * 0.7)),
            });
        }

        Web.Cases.Promises.Promise Promise(Web.Cases.Promises.PromiseKind kind, DateOnly due, string role, bool late, DateTime created, DateTime? settled, DateTime? fulfilled) => new()
        {
            Id = Guid.NewGuid(),
            CaseId = id,
            Kind = kind,
            Due = due,
            Template = "receipt",
            OwnerRole = role,
            State = settled is null ? Web.Cases.Promises.PromiseState.Open : late ? Web.Cases.Promises.PromiseState.Late : Web.Cases.Promises.PromiseState.Kept,
            CreatedAt = created,
            SettledAt = settled,
            FulfilledAt = fulfilled,
        };
        db.Promises.Add(Promise(Web.Cases.Promises.PromiseKind.Receipt, receivedOn.AddDays(1), "IntakeStaff", i % 50 == 0, received, received.AddMinutes(1), i % 50 == 0 ? received.AddDays(4) : null));
        if (open)
        {
            var past = received.AddDays(56) < now;
            db.Promises.Add(Promise(Web.Cases.Promises.PromiseKind.DecisionTerm, receivedOn.AddDays(56), "SmzDecisionMaker", past, received, past ? received.AddDays(57) : null, null));
        }
        else if (state == "closed")
        {
            db.Promises.Add(Promise(Web.Cases.Promises.PromiseKind.Call, enteredOn, "CustomerContact", i % 10 == 0, entered.AddDays(-30), entered, i % 10 == 0 ? entered.AddDays(3) : null));
        }

        if (i % 50 == 7)
        {
            var recent = entered > now.AddDays(-2);
            db.CallbackRequests.Add(new Web.Cases.Promises.CallbackRequest
            {
                Id = Guid.NewGuid(),
                CaseId = id,
                Template = "status_update",
                PartOfDay = (Web.Reports.ContactTime)(1 + (i % 2)),
                Phone = "0612345678",
                RequestedAt = entered,
                DueOn = enteredOn.AddDays(1),
                Attempts = recent ? 0 : 1,
                DoneAt = recent ? null : entered.AddDays(1),
                PromiseId = Guid.NewGuid(),
            });
        }

        if (i % 100 == 3)
        {
            var decided = entered < now.AddDays(-42);
            db.Complaints.Add(new Web.Cases.Complaints.Complaint
            {
                Id = Guid.NewGuid(),
                CaseId = id,
                Subject = (Web.Cases.Complaints.ComplaintSubject)(1 + (i % 5)),
                Text = "x",
                Channel = i % 3 == 0 ? Web.Cases.Complaints.ComplaintChannel.Phone : Web.Cases.Complaints.ComplaintChannel.MyReport,
                FiledBy = "Melder",
                ReceivedAt = entered,
                ReceivedOn = enteredOn,
                DueOn = enteredOn.AddDays(42),
                HearingWaived = true,
                DecidedAt = decided ? entered.AddDays(30) : null,
                Outcome = decided ? (Web.Cases.Complaints.ComplaintOutcome)(1 + (i % 3)) : null,
            });
        }

        if (state == "closed" && i % 50 == 11)
        {
            db.Objections.Add(new Web.Cases.Objections.Objection
            {
                Id = Guid.NewGuid(),
                CaseId = id,
                ReceivedOn = enteredOn.AddDays(10),
                RegisteredAt = entered.AddDays(10),
                FiledBy = "Melder",
                Grounds = "x",
                LastDay = enteredOn.AddDays(42),
            });
        }

        if (state == "decision_proposed")
        {
            db.DecisionViews.Add(new Web.Cases.Views.DecisionView
            {
                Id = Guid.NewGuid(),
                CaseId = id,
                ProposalSequence = 1,
                OpenedAt = entered,
                RespondBy = enteredOn.AddDays(14),
                Response = i % 2 == 0 ? Web.Cases.Views.ViewResponse.Written : null,
                RespondedAt = i % 2 == 0 ? entered.AddDays(5) : null,
                Points = i % 2 == 0 ? [new() { Id = Guid.NewGuid(), Number = 1, Text = "x" }, new() { Id = Guid.NewGuid(), Number = 2, Text = "x" }] : [],
            });
            db.ConversationSlots.Add(Slot(i, now.Date.AddDays(1 + (i % 14)).AddHours(9), entered, id, null));
        }
        else if (state == "closed")
        {
            db.ConversationSlots.Add(Slot(i, entered.AddDays(-20), entered.AddDays(-30), id, entered.AddDays(-20)));
        }

        if (i % 25 == 0)
        {
            db.ConversationSlots.Add(Slot(i, now.Date.AddDays(1 + (i % 30)).AddHours(8 + (i % 8)), now, null, null)); // the free slots ahead
        }
    }

    private static Web.Cases.Bookings.ConversationSlot Slot(int i, DateTime startsAt, DateTime created, Guid? caseId, DateTime? heldAt) => new()
    {
        Id = Guid.NewGuid(),
        StaffUserId = "seed-staff-" + (i % 40).ToString(CultureInfo.InvariantCulture),
        StartsAt = startsAt,
        Minutes = 45,
        Mode = Web.Cases.Bookings.SlotMode.Phone,
        Purpose = Web.Cases.Bookings.ConversationPurpose.DecisionConversation,
        CreatedAt = created,
        CaseId = caseId,
        BookedAt = caseId is null ? null : created,
        HeldAt = heldAt,
    };

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
