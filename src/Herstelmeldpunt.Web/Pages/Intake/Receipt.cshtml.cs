using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.Intake;

/// <summary>
/// The receipt after sending. It is found by the form's idempotency key, a random value only the
/// sender's browser knows, so the URL reveals nothing and cannot be guessed; it shows the reference
/// number and what happens next, no personal data.
/// </summary>
public sealed class ReceiptModel(AppDbContext db) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    public bool FiledByRepresentative { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid key, CancellationToken cancellationToken)
    {
        var receipt = await db.Reports
            .Where(r => r.IdempotencyKey == key)
            .Select(r => new { r.ReferenceNumber, r.FiledByRepresentative })
            .SingleOrDefaultAsync(cancellationToken);
        if (receipt is null)
        {
            return NotFound();
        }

        ReferenceNumber = receipt.ReferenceNumber;
        FiledByRepresentative = receipt.FiledByRepresentative;
        return Page();
    }
}
