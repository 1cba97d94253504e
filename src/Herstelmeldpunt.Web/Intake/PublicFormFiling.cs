using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// The public form's send step below the page, once the form is valid (<see cref="SendAsync"/>): this node's ceiling,
/// the documents admitted by the upload gate and checked (read, recognised, scanned) before anything is stored, then
/// filed (<see cref="FileAsync"/>): the checked documents written, then the report, their rows and the
/// receipt's sign-in saved once in one transaction (<see cref="ReportIntake.StoreOnceAsync"/>). What did not become a
/// report leaves no file behind: a repeat (the first send's documents are kept), a stamp that filed another report, or
/// the database away for a moment (nothing stored; sending again with the same key stores it once).
/// </summary>
public sealed partial class PublicFormFiling(AppDbContext db, ReportIntake intakes, DocumentStore documents, UploadGate uploads, IntakeCeiling ceiling, ReporterAccessOptions access, TimeProvider clock, ILogger<PublicFormFiling> logger)
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

        /// <summary>Over this node's ceiling for all addresses together: nothing stored, send again in a minute.</summary>
        Busy,

        /// <summary>A document was refused (too many, too large, the gate, its kind, the scan): nothing stored; the error key and status say why.</summary>
        FilesRefused,
    }

    public sealed record Result(Outcome Outcome, string? ReceiptToken = null, string? FilesError = null, int StatusCode = StatusCodes.Status200OK);

    /// <summary>
    /// Sends a valid form: refused when this node is at its ceiling or a document is refused — unless the key was stored
    /// before (a resubmit after an edit gets its receipt) — else filed, and the receipt's sign-in remembered in this
    /// browser. The upload gate's place is held until filed.
    /// </summary>
    public async Task<Result> SendAsync(HttpContext context, ValidIntake intake, Guid stampId, IEnumerable<IFormFile> posted, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intake);
        if (!ceiling.TryEnter())
        {
            if (await StoredAsync(intake.IdempotencyKey, cancellationToken))
            {
                return new Result(Outcome.AlreadyFiled);
            }

            LogCeiling();
            return new Result(Outcome.Busy);
        }

        using var admitted = documents.Admit(context, uploads, posted);
        var (accepted, refused) = admitted.ErrorKey is { } notAdmitted ? ([], notAdmitted) : await documents.CheckAsync(admitted.Files, cancellationToken);
        if (refused is not null)
        {
            return await StoredAsync(intake.IdempotencyKey, cancellationToken) ? new Result(Outcome.AlreadyFiled) : new Result(Outcome.FilesRefused, FilesError: refused, StatusCode: admitted.StatusCode);
        }

        var filed = await FileAsync(intake, stampId, accepted, language, cancellationToken);
        if (filed.ReceiptToken is { } token)
        {
            ReceiptAccess.Remember(context, token, access.LinkLifetime);
        }

        return filed;
    }

    /// <summary>Whether a report with this key was stored (a double click, a retried POST, back-and-resubmit).</summary>
    public Task<bool> StoredAsync(Guid key, CancellationToken cancellationToken) =>
        db.Reports.AnyAsync(r => r.IdempotencyKey == key, cancellationToken);

    private async Task<Result> FileAsync(ValidIntake intake, Guid stampId, IReadOnlyList<CheckedFile> accepted, string language, CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form turned away: this node's ceiling of reports per minute was reached")]
    private partial void LogCeiling();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form not stored: the database is away; the person was asked to send again")]
    private partial void LogDatabaseAway();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form refused: its stamp filed a report already under another key (one form sent again and again)")]
    private partial void LogStampReused();

    // Only the reference number, urgency and source: never the reporter's data (see Report).
    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReferenceNumber} received, urgency {Urgency}, source {Source}")]
    private partial void LogReportReceived(string referenceNumber, UrgencyLevel urgency, ReportSource source);
}
