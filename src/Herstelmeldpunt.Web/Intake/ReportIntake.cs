using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.TargetGroup;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// Storing a new report, for the public form and for staff intake alike: once per idempotency key,
/// with a unique reference number, flagged when an earlier report for the same BSN exists, with its
/// case process started, the receipt email queued and the person marked as reported in the target-group
/// register — all in one transaction.
/// </summary>
public sealed class ReportIntake(AppDbContext db, WorkflowEngine engine, ReporterMessages reporterMessages, DecisionTerm decisionTerm, IntakeOptions options, TimeProvider clock)
{
    public static Report FromIntake(ValidIntake intake, DateTime now, ReportSource source, string language)
    {
        ArgumentNullException.ThrowIfNull(intake);
        return new Report
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)),
            IdempotencyKey = intake.IdempotencyKey,
            ReceivedAt = now,
            LastMessageAt = now, // the silence alarm counts from the report's arrival until we tell the person something
            Source = source,
            Urgency = UrgencyRule.Compute(intake.Urgency),
            Language = language,
            FullName = intake.FullName,
            Bsn = intake.Bsn,
            DateOfBirth = intake.DateOfBirth,
            Email = intake.Email,
            Phone = intake.Phone,
            PreferredChannel = intake.PreferredChannel,
            PreferredTime = intake.PreferredTime,
            AddressStreet = intake.Address?.Street,
            AddressPostcode = intake.Address?.Postcode,
            AddressCity = intake.Address?.City,
            FiledByRepresentative = intake.ForSomeoneElse,
            RepresentativeName = intake.RepresentativeName,
            RepresentativeRelation = intake.RepresentativeRelation,
            RepresentativeEmail = intake.RepresentativeEmail,
            RepresentativePhone = intake.RepresentativePhone,
            RepresentativeDeclaredAuthorised = intake.ForSomeoneElse,
            EmotionalTrouble = intake.EmotionalTrouble,
            PsychologicalTrouble = intake.PsychologicalTrouble,
            FinancialTrouble = intake.FinancialTrouble,
            Description = intake.Description,
            NoIncome = intake.Urgency.NoIncome,
            DebtCollectionOrEviction = intake.Urgency.DebtCollectionOrEviction,
            CrisisOrDanger = intake.Urgency.CrisisOrDanger,
            ConsentGivenAt = now,
        };
    }

    /// <summary>
    /// Stores the report and starts its case process in one transaction, unless a report with its
    /// idempotency key exists already (a double click, a retry, two requests racing): then nothing is
    /// stored and that report is returned. <paramref name="withReport"/> adds the caller's own rows that
    /// belong to a new report (its documents, the receipt's sign-in) to the same save; it is called again
    /// when a save is retried, because a retry starts from an empty unit of work.
    /// </summary>
    public async Task<(Report Report, bool Created)> StoreOnceAsync(Report report, Actor actor, CancellationToken cancellationToken, Action<Report>? withReport = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();

        // One round trip for the six things to know before storing (this runs for every report filed): a report with
        // this key already (a double click, a retry), a report filed with this form stamp already (a program sending one
        // form again and again), the person's first report (a second report is flagged), the person in the
        // target-group register if not yet marked as reported, and when the last receipt went to this address (one
        // receipt mail per address per interval: nobody can use the form to flood someone's mailbox; the report itself
        // is stored), and the live webhook subscriptions the save's deliveries go to (else the save asks for them,
        // ADR 0038). Its plan is cached (ADR 0021): the register's BSN index is partial (hash <> ''), so the query says
        // so too, or the cached plan would scan the register.
        var receiptTo = report.Email ?? report.RepresentativeEmail;
        var since = (now - options.ReceiptMailInterval).UtcDateTime;
        var receiptHash = receiptTo is null ? string.Empty : Data.SearchHashes.MailHash(db.Cipher, receiptTo);
        var bsnHash = db.Cipher.BsnHash(report.Bsn);
        var key = report.IdempotencyKey;
        var stamp = report.FormStamp ?? Guid.Empty;
        var ownTransaction = await KeyedLookupPlans.BeginAsync(db, cancellationToken);
        try
        {
            var known = await db.Database.SqlQuery<IntakeLookup>($"""
                SELECT (SELECT "Id" FROM "Reports" WHERE "IdempotencyKey" = {key} LIMIT 1) AS "Existing",
                       (SELECT "Id" FROM "Reports" WHERE "FormStamp" = {stamp} LIMIT 1) AS "SameStamp",
                       (SELECT "Id" FROM "Reports" WHERE "BsnHash" = {bsnHash} ORDER BY "ReceivedAt", "Id" LIMIT 1) AS "FirstReport",
                       (SELECT "Id" FROM "TargetGroupMembers" WHERE "BsnHash" = {bsnHash} AND "BsnHash" <> '' AND "ReportedAt" IS NULL) AS "UnreportedMember",
                       (SELECT "LastQueuedAt" FROM "ReceiptMailCaps" WHERE "AddressHash" = {receiptHash}) AS "LastReceiptAt",
                       (SELECT string_agg("Id" || ' ' || "Events", ';') FROM "WebhookSubscriptions" WHERE "RemovedAt" IS NULL) AS "WebhookTargets"
                """).SingleAsync(cancellationToken);
            if (known.Existing is not null && await FindByKeyAsync(db, key, cancellationToken) is { } earlier)
            {
                return (earlier, false);
            }

            if (known.SameStamp is not null)
            {
                throw new FormStampUsedException();
            }

            report.DuplicateOfReportId = known.FirstReport;
            Api.WebhookEvents.Remember(db, known.WebhookTargets); // the first save takes them; a retry reads them again
            var lastReceiptAt = known.LastReceiptAt;
            for (var attempt = 1; ; attempt++)
            {
                report.ReferenceNumber = ReferenceNumber.NewNumber();
                db.Reports.Add(report);
                var member = known.UnreportedMember is { } memberId ? RegisterReports.MarkWithReport(db, memberId, report.ReceivedAt) : null;
                CaseWorkflow.AddStart(db, engine, report, actor, now);
                db.Set<CaseDeadline>().Add(decisionTerm.Start(report.Id, report.ReceivedAt));
                withReport?.Invoke(report);
                if (receiptTo is null || ReceiptMailCap.Claim(db, receiptHash, lastReceiptAt, since, now.UtcDateTime))
                {
                    reporterMessages.Queue(report, "receipt", $"receipt:{report.Id}");
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    if (ownTransaction)
                    {
                        await db.Database.CommitTransactionAsync(cancellationToken);
                    }

                    RegisterReports.Release(db, member);
                    return (report, true);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    db.ChangeTracker.Clear();
                    if (ownTransaction)
                    {
                        // PostgreSQL ends a transaction at the first error: the look-up below and the next attempt get a new
                        // one. (In a caller's transaction EF's savepoint before the save keeps that transaction usable.)
                        await KeyedLookupPlans.EndAsync(db, ownTransaction);
                        ownTransaction = await KeyedLookupPlans.BeginAsync(db, cancellationToken);
                    }

                    if (await FindByKeyAsync(db, report.IdempotencyKey, cancellationToken) is { } raced)
                    {
                        return (raced, false); // the same form, sent twice at the same moment
                    }

                    if (report.FormStamp is { } used && await db.Reports.AnyAsync(r => r.FormStamp == used, cancellationToken))
                    {
                        throw new FormStampUsedException(); // one form, sent under two keys at the same moment
                    }

                    // Otherwise another report claimed this address's receipt meanwhile, or the random reference
                    // number was taken: read the receipt time again and draw a new number.
                    lastReceiptAt = receiptTo is null ? null : await db.Set<ReceiptMailCap>().AsNoTracking()
                        .Where(c => c.AddressHash == receiptHash).Select(c => (DateTime?)c.LastQueuedAt).SingleOrDefaultAsync(cancellationToken);
                }
            }
        }
        finally
        {
            Api.WebhookEvents.Forget(db);
            await KeyedLookupPlans.EndAsync(db, ownTransaction); // rolls back what was not committed
        }
    }

    /// <summary>What <see cref="StoreOnceAsync"/> reads in one query before storing.</summary>
    private sealed class IntakeLookup
    {
        public Guid? Existing { get; init; }

        public Guid? SameStamp { get; init; }

        public Guid? FirstReport { get; init; }

        public Guid? UnreportedMember { get; init; }

        public DateTime? LastReceiptAt { get; init; }

        /// <summary>The live webhook subscriptions ("id events;…"), for the save's deliveries (<see cref="Herstelmeldpunt.Web.Api.WebhookEvents.Remember"/>).</summary>
        public string? WebhookTargets { get; init; }
    }

    private static Task<Report?> FindByKeyAsync(AppDbContext db, Guid key, CancellationToken cancellationToken) =>
        db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken);
}
