using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Pages.Intake;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reports;

/// <summary>
/// Storing a new report, for the public form and for staff intake alike: once per idempotency key,
/// with a unique reference number, flagged when an earlier report for the same BSN exists, with its
/// case process started and the receipt email queued — all in one transaction.
/// </summary>
public sealed class ReportIntake(AppDbContext db, WorkflowEngine engine, ReporterMessages reporterMessages, DecisionTerm decisionTerm, Pages.Intake.IntakeOptions options, TimeProvider clock)
{
    public static Report FromIntake(ValidIntake intake, DateTime now, ReportSource source, string language)
    {
        ArgumentNullException.ThrowIfNull(intake);
        return new Report
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)),
            IdempotencyKey = intake.IdempotencyKey,
            ReceivedAt = now,
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
    /// stored and that report is returned.
    /// </summary>
    public async Task<(Report Report, bool Created)> StoreOnceAsync(Report report, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();
        if (await FindByKeyAsync(db, report.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }

        // One receipt mail per address per interval: more reports are fine, more mails are not (nobody can
        // use the form to flood someone's mailbox). The report itself is stored and its receipt page shown.
        var receiptTo = report.Email ?? report.RepresentativeEmail;
        var since = (now - options.ReceiptMailInterval).UtcDateTime;
        var receiptHash = receiptTo is null ? string.Empty : Data.SearchHashes.MailHash(db.Cipher, receiptTo);
        var mailReceipt = receiptTo is null
            || !await db.OutboxMessages.AnyAsync(m => m.ToAddressHash == receiptHash && m.Template == "receipt" && m.CreatedAt > since, cancellationToken);

        var bsnHash = db.Cipher.BsnHash(report.Bsn);
        report.DuplicateOfReportId = await db.Reports
            .Where(r => r.BsnHash == bsnHash)
            .OrderBy(r => r.ReceivedAt)
            .ThenBy(r => r.Id)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            report.ReferenceNumber = ReferenceNumber.NewNumber();
            db.Reports.Add(report);
            CaseWorkflow.AddStart(db, engine, report, actor, now);
            db.Set<CaseDeadline>().Add(decisionTerm.Start(report.Id, report.ReceivedAt));
            if (mailReceipt)
            {
                reporterMessages.Queue(report, "receipt", $"receipt:{report.Id}");
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (report, true);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                if (await FindByKeyAsync(db, report.IdempotencyKey, cancellationToken) is { } raced)
                {
                    return (raced, false); // the same form, sent twice at the same moment
                }

                // Otherwise the random reference number was taken: draw a new one.
            }
        }
    }

    private static Task<Report?> FindByKeyAsync(AppDbContext db, Guid key, CancellationToken cancellationToken) =>
        db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken);
}
