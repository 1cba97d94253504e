using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// Ask for a new link to Mijn melding with the reference number and the email address the report
/// gave (the reporter's or the representative's), or, for a person without email, with the reference
/// number and date of birth: then the link comes by letter to the report's address, valid for
/// <see cref="ReporterAccessOptions.PostalLinkLifetime"/>. The answer is the same whether or not the two
/// belong together, so nobody learns which reports exist; a link goes only to that address. Limited per
/// address of the asker (429) and per report (no more mail, at most one letter a day).
/// </summary>
[EnableRateLimiting(ReporterAccess.Policy)]
public sealed class RequestLinkModel(AppDbContext db, ReporterMessages reporterMessages, ReporterLetters letters, PublicUrls urls, ReporterAccessOptions options, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? EmailAddress { get; set; }

    [BindProperty]
    public string? PostReference { get; set; }

    [BindProperty]
    public string? BirthDay { get; set; }

    [BindProperty]
    public string? BirthMonth { get; set; }

    [BindProperty]
    public string? BirthYear { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public bool Sent { get; private set; }

    public bool SentByPost { get; private set; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public void OnGet(bool verstuurd = false, bool perPost = false)
    {
        Sent = verstuurd;
        SentByPost = perPost;
    }

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
                reporterMessages.Queue(report, "access_link", $"access:{report.Id}:{Guid.NewGuid():N}", toRepresentative: toRepresentative); // each request its own mail (at most a few an hour)
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        // A matching pair does more work (a mail queued); the answer's timing must not tell that it matched.
        await Common.ResponseFloor.WaitAsync(started, Common.ResponseFloor.Default, cancellationToken);
        return RedirectToPage(new { verstuurd = true });
    }

    /// <summary>A link by letter, for a person without email: reference number and date of birth, posted to the report's address.</summary>
    public async Task<IActionResult> OnPostByPostAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var reference = ReferenceNumber.Parse(PostReference);
        var errors = new List<FieldError>();
        if (reference is null)
        {
            errors.Add(new FieldError(nameof(PostReference), string.IsNullOrWhiteSpace(PostReference) ? "MyReport.Error.ReferenceMissing" : "MyReport.Error.ReferenceInvalid"));
        }

        var born = DateOfBirthRule.Check(DateOfBirthRule.Read(BirthDay, BirthMonth, BirthYear), Common.AmsterdamTime.Today(clock), key => errors.Add(new FieldError(nameof(BirthDay), key)));

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.ReferenceNumber == reference, cancellationToken);
        var now = clock.GetUtcNow();
        if (report is not null && report.DateOfBirth == born && report.HasPostalAddress)
        {
            var since = now.UtcDateTime.AddDays(-1);
            if (!await db.CaseLetters.AnyAsync(l => l.CaseId == report.Id && l.Template == ReporterLetters.AccessLinkByPost && l.CreatedAt > since, cancellationToken))
            {
                var lifetime = options.PostalLinkLifetime;
                var token = ReporterAccess.Issue(db, clock, options, report.Id, forRepresentative: report.Email is null && report.FiledByRepresentative, lifetime, randomBytes: 16);
                var culture = report.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch;
                letters.Write(report, ReporterLetters.AccessLinkByPost, $"letter:access:{report.Id}:{Common.AmsterdamTime.Today(clock):yyyyMMdd}", new Dictionary<string, string>
                {
                    ["link"] = $"{urls.Base()}/mijn-melding/link/{token}",
                    ["valid_until"] = Common.AmsterdamTime.DateOf((now + lifetime).UtcDateTime).ToString("d MMMM yyyy", culture),
                }, reachedByEmail: false);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // The same request twice at once: the other one wrote today's letter; the answer stays the same.
                }
            }
        }

        await Common.ResponseFloor.WaitAsync(started, Common.ResponseFloor.Default, cancellationToken);
        return RedirectToPage(new { perPost = true });
    }

    /// <summary>Null when the address is not one of this report's; else whether it is the representative's.</summary>
    private static bool? Matches(Report report, string email) =>
        string.Equals(report.Email, email, StringComparison.OrdinalIgnoreCase) ? false
        : string.Equals(report.RepresentativeEmail, email, StringComparison.OrdinalIgnoreCase) ? true
        : null;
}
