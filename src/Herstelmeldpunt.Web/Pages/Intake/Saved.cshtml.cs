using Herstelmeldpunt.Web.Intake;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.Intake;

/// <summary>After "Save and continue later": until when the answers are kept and where the link went (masked).</summary>
public sealed class SavedModel(IntakeDrafts drafts) : PageModel
{
    public DateTime ExpiresAt { get; private set; }

    public string MaskedEmail { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await drafts.SavedAsync(id, cancellationToken) is not { } saved)
        {
            return NotFound();
        }

        (ExpiresAt, MaskedEmail) = saved;
        return Page();
    }
}
