using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Pages.Intake;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// Ask for a new link to Mijn melding with the reference number and the email address the report
/// gave (the reporter's or the representative's). The answer is the same whether or not the two
/// belong together, so nobody learns which reports exist; a link goes only to that address. Limited per
/// address of the asker (429) and per report (no more mail).
/// </summary>
[EnableRateLimiting(ReporterAccess.Policy)]
public sealed class RequestLinkModel(AppDbContext db, ReporterEmail reporterEmail, ReporterAccessOptions options, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? EmailAddress { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public bool Sent { get; private set; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public void OnGet(bool verstuurd = false) => Sent = verstuurd;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
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

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.ReferenceNumber == reference, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (report is not null && Matches(report, email!) is { } toRepresentative)
        {
            var recent = await db.OutboxMessages.CountAsync(m => m.CaseId == report.Id && m.Template == "access_link" && m.CreatedAt > now.AddHours(-1), cancellationToken);
            if (recent < options.LinksPerReportPerHour)
            {
                reporterEmail.Queue(report, "access_link", $"access:{report.Id}:{Guid.NewGuid():N}", toRepresentative: toRepresentative); // each request its own mail (at most a few an hour)
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return RedirectToPage(new { verstuurd = true });
    }

    /// <summary>Null when the address is not one of this report's; else whether it is the representative's.</summary>
    private static bool? Matches(Report report, string email) =>
        string.Equals(report.Email, email, StringComparison.OrdinalIgnoreCase) ? false
        : string.Equals(report.RepresentativeEmail, email, StringComparison.OrdinalIgnoreCase) ? true
        : null;
}
