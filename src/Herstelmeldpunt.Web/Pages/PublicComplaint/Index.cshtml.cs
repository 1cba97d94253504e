using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.PublicComplaint;

/// <summary>
/// A complaint without signing in (<c>/klacht</c>): the reference number and the email address we know for the report,
/// and the complaint. A pair that belongs together files it and the acknowledgement goes to that address; the page
/// answers the same either way, in the same time, so it tells nobody whether a reference exists (as "ask for a link").
/// At most <see cref="PerReportPerDay"/> complaints a day per report come in this way.
/// </summary>
public sealed class IndexModel(AppDbContext db, ComplaintDesk desk, TimeProvider clock) : PageModel
{
    public const int PerReportPerDay = 3;

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? EmailAddress { get; set; }

    [BindProperty]
    public ComplaintInput Complaint { get; set; } = new();

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public bool Sent { get; private set; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public void OnGet(bool verstuurd = false) => Sent = verstuurd;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var reference = ReferenceNumber.Parse(Reference);
        var email = EmailAddress?.Trim();
        var errors = new List<FieldError>();
        if (reference is null)
        {
            errors.Add(new FieldError(nameof(Reference), string.IsNullOrWhiteSpace(Reference) ? "MyReport.Error.ReferenceMissing" : "MyReport.Error.ReferenceInvalid"));
        }

        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(nameof(EmailAddress), "MyReport.Error.EmailMissing"));
        }

        var (subject, text, wantsHearing, complaintErrors) = Complaint.Validate();
        errors.AddRange(complaintErrors);
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.ReferenceNumber == reference, cancellationToken);
        var dayAgo = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        if (report is not null
            && (string.Equals(report.Email, email, StringComparison.OrdinalIgnoreCase) || string.Equals(report.RepresentativeEmail, email, StringComparison.OrdinalIgnoreCase))
            && await db.Complaints.CountAsync(c => c.CaseId == report.Id && c.Channel == ComplaintChannel.PublicPage && c.ReceivedAt > dayAgo, cancellationToken) < PerReportPerDay)
        {
            desk.File(report, subject, text, wantsHearing, ComplaintChannel.PublicPage, string.Equals(report.Email, email, StringComparison.OrdinalIgnoreCase) ? "Reporter" : "Representative");
            await db.SaveChangesAsync(cancellationToken);
        }

        await Common.ResponseFloor.WaitAsync(started, Common.ResponseFloor.Default, cancellationToken);
        return RedirectToPage(new { verstuurd = true });
    }
}
