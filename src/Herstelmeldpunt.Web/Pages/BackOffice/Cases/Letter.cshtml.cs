using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>A letter of a case as PDF, for the roles that see case files (folder policy); a letter of another case is not found. Each download is in the access log.</summary>
public sealed class LetterModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid caseId, Guid id, CancellationToken cancellationToken)
    {
        if (await LetterList.OpenAsync(db, caseId, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        AccessLog.Record(db, clock, HttpContext, AccessActions.LetterDownloaded, caseId, id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return File(found.Pdf, "application/pdf", found.FileName);
    }
}
