using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// The public form's send step below the page: the checked documents written, then the report, their rows and the
/// receipt's sign-in saved once in one transaction (<see cref="ReportIntake.StoreOnceAsync"/>). What did not become a
/// report leaves no file behind: a repeat (the first send's documents are kept), a stamp that filed another report, or
/// the database away for a moment (nothing stored; sending again with the same key stores it once).
/// </summary>
public sealed partial class PublicFormFiling(AppDbContext db, ReportIntake intakes, DocumentStore documents, ReporterAccessOptions access, TimeProvider clock, ILogger<PublicFormFiling> logger)
{
    public enum Outcome
    {
        /// <summary>Stored now; the receipt's sign-in token is in the result.</summary>
        Filed,

        /// <summary>The same key was stored before (a double click, a retried POST): show that receipt.</summary>
        AlreadyFiled,

        /// <summary>The form's stamp filed another report under another key: one form sent again and again.</summary>
        StampUsed,

        /// <summary>The database was away: nothing stored.</summary>
        DatabaseAway,
    }

    public sealed record Result(Outcome Outcome, string? ReceiptToken = null);

    public async Task<Result> FileAsync(ValidIntake intake, Guid stampId, IReadOnlyList<CheckedFile> accepted, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var report = ReportIntake.FromIntake(intake, clock.GetUtcNow().UtcDateTime, ReportSource.PublicForm, language);
        report.FormStamp = stampId;
        var uploader = intake.ForSomeoneElse ? "Representative" : "Reporter";
        var written = await documents.WriteFilesAsync(accepted, cancellationToken);
        string? receiptToken = null;
        try
        {
            var (stored, created) = await intakes.StoreOnceAsync(report, Actor.System("melder (formulier)"), cancellationToken, withReport: r =>
            {
                documents.Record(r.Id, written, uploader, null);
                receiptToken = ReceiptAccess.Issue(db, clock, access, r);
            });
            if (!created)
            {
                documents.Discard(written);
                return new Result(Outcome.AlreadyFiled);
            }

            LogReportReceived(stored.ReferenceNumber, stored.Urgency, stored.Source);
            return new Result(Outcome.Filed, receiptToken);
        }
        catch (FormStampUsedException)
        {
            documents.Discard(written);
            LogStampReused();
            return new Result(Outcome.StampUsed);
        }
        catch (Exception e) when (DatabaseOutage.Is(e))
        {
            documents.Discard(written);
            LogDatabaseAway();
            return new Result(Outcome.DatabaseAway);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form not stored: the database is away; the person was asked to send again")]
    private partial void LogDatabaseAway();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form refused: its stamp filed a report already under another key (one form sent again and again)")]
    private partial void LogStampReused();

    // Only the reference number, urgency and source: never the reporter's data (see Report).
    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReferenceNumber} received, urgency {Urgency}, source {Source}")]
    private partial void LogReportReceived(string referenceNumber, UrgencyLevel urgency, ReportSource source);
}
