using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// The link in the mail to a new address. Opening it (GET) changes nothing, so a mail scanner cannot confirm; the
/// button (POST) puts the new address in use. No sign-in: the link is the proof that the mailbox is theirs.
/// </summary>
public sealed class ConfirmEmailModel(AppDbContext db, EmailChanges changes) : PageModel
{
    public bool Usable { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Usable = await changes.ConfirmableAsync(token, cancellationToken) is not null;

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Done = await changes.ConfirmAsync(token, cancellationToken);
        if (Done)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Page();
    }
}
