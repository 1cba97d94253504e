using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// The link in the mail to the old address. Opening it (GET) changes nothing; the button (POST) undoes the change. It
/// does not sign anyone in: whoever reads the old mailbox can stop the change, not read the case.
/// </summary>
public sealed class UndoEmailModel(AppDbContext db, EmailChanges changes, ReportingPointContact contact) : PageModel
{
    public bool Usable { get; private set; }

    public bool Done { get; private set; }

    public string ContactPhone => contact.Phone;

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Usable = await changes.UndoableAsync(token, cancellationToken) is not null;

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Done = await changes.UndoAsync(token, cancellationToken);
        if (Done)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Page();
    }
}
