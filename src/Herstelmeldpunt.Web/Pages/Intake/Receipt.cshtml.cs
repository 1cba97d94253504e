using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
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
public sealed class ReceiptModel(AppDbContext db, TimeProvider clock) : PageModel
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
    /// Straight to Mijn melding from the receipt: once, in the browser that filed (it holds the one-time token set
    /// when the form was sent, <see cref="ReceiptAccess"/>), for as long as an emailed link would work. Anyone else —
    /// someone with the receipt's address from a log or a history — and anyone later asks for a link by email.
    /// </summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid key, CancellationToken cancellationToken)
    {
        var reportId = await db.Reports.Where(r => r.IdempotencyKey == key).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (reportId is null)
        {
            return NotFound();
        }

        var token = ReceiptAccess.Take(HttpContext);
        var redeemed = token is null ? null : await ReporterAccess.RedeemAsync(db, clock, token, cancellationToken);
        if (redeemed is null || redeemed.ReportId != reportId)
        {
            return Redirect("/mijn-melding/link-aanvragen");
        }

        await ReporterSignIns.SignInAsync(HttpContext, redeemed.ReportId, redeemed.ForRepresentative, cancellationToken);
        return Redirect("/mijn-melding");
    }
}
