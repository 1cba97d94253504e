using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.Intake;

/// <summary>
/// The receipt after sending. It is found by the form's idempotency key, a random value only the
/// sender's browser knows, so the URL reveals nothing and cannot be guessed; it shows the reference
/// number and what happens next, no personal data.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(IntakeOptions.RatePolicy)]
public sealed class ReceiptModel(AppDbContext db, ReporterAccessOptions access, TimeProvider clock) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    public bool FiledByRepresentative { get; private set; }

    /// <summary>How the confirmation reaches the person: the page says so, also when no mail comes.</summary>
    public ReceiptChannel Confirmation { get; private set; }

    public enum ReceiptChannel
    {
        /// <summary>A receipt mail with a link is on its way.</summary>
        Email,

        /// <summary>No email address: the confirmation comes by post.</summary>
        Letter,

        /// <summary>An address that had a receipt within the hour gets no second one (nobody can flood a mailbox with the form).</summary>
        NoMailThisTime,
    }

    /// <summary>The form's key (in the address already): the button to Mijn melding posts to it.</summary>
    public Guid Key { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid key, CancellationToken cancellationToken)
    {
        var receipt = await db.Reports
            .Where(r => r.IdempotencyKey == key)
            .Select(r => new
            {
                r.ReferenceNumber,
                r.FiledByRepresentative,
                ByEmail = r.Email != null || r.RepresentativeEmail != null,
                Mailed = db.OutboxMessages.Any(m => m.CaseId == r.Id && m.Template == "receipt"),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (receipt is null)
        {
            return NotFound();
        }

        ReferenceNumber = receipt.ReferenceNumber;
        FiledByRepresentative = receipt.FiledByRepresentative;
        Confirmation = !receipt.ByEmail ? ReceiptChannel.Letter : receipt.Mailed ? ReceiptChannel.Email : ReceiptChannel.NoMailThisTime;
        Key = key;
        return Page();
    }

    /// <summary>
    /// Straight to Mijn melding from the receipt: this browser holds the form's key, so it is the one
    /// that filed. Only for as long as an emailed link would work; later, a link is asked for by email.
    /// </summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid key, CancellationToken cancellationToken)
    {
        var report = await db.Reports.Where(r => r.IdempotencyKey == key)
            .Select(r => new { r.Id, r.ReceivedAt, r.FiledByRepresentative })
            .SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        if (clock.GetUtcNow().UtcDateTime - report.ReceivedAt > access.LinkLifetime)
        {
            return Redirect("/mijn-melding/link-aanvragen");
        }

        await HttpContext.SignInAsync(ReporterAccess.Scheme, ReporterAccess.Principal(report.Id, report.FiledByRepresentative));
        return Redirect("/mijn-melding");
    }
}
