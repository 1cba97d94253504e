using System.Globalization;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Common.Csv;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin;

/// <summary>
/// The full export with personal data (BSN, names, contact details, descriptions): only for an
/// administrator who states why and confirms it explicitly. Every full export is written to the audit
/// log (who, when, why, how many rows) before the file is sent.
/// </summary>
public sealed class FullExportModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public List<Forms.FieldError> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            Errors.Add(new("Reason", "FullExport.ReasonRequired"));
        }

        if (!Confirm)
        {
            Errors.Add(new("Confirm", "FullExport.ConfirmRequired"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        // Logged before a byte is sent, with how many rows; then streamed row by row (at a million reports the whole
        // file in memory was gigabytes: the node would have gone down for everyone while an administrator waited).
        var count = await db.Reports.CountAsync(cancellationToken);
        AuditLog.Record(db, clock, User, AuditActions.FullExport, "meldingen", $"{count} rows; reason: {reason}");
        AccessLog.Record(db, clock, HttpContext, AccessActions.FullExport, (Guid?)null, $"{count} reports with BSN and health text; reason: {reason}");
        await db.SaveChangesAsync(cancellationToken);

        var reports = db.Reports.AsNoTracking().OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Select(r => new { r.ReferenceNumber, r.ReceivedAt, r.Source, r.Urgency, r.FullName, r.Bsn, r.DateOfBirth, r.Email, r.Phone, r.RepresentativeName, r.RepresentativeRelation, r.Description })
            .AsAsyncEnumerable();
        return new CsvDownload("herstelmeldpunt-volledig.csv", Rows());

        async IAsyncEnumerable<IReadOnlyList<object?>> Rows()
        {
            yield return ["reference", "received", "source", "urgency", "full_name", "bsn", "date_of_birth", "email", "phone", "representative", "representative_relation", "description"];
            await foreach (var r in reports)
            {
                yield return [r.ReferenceNumber, r.ReceivedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Source.ToString(), r.Urgency.ToString(),
                    r.FullName, r.Bsn, r.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Email, r.Phone, r.RepresentativeName, r.RepresentativeRelation, r.Description];
            }
        }
    }
}
