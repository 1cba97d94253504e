using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>A letter of a case as PDF, for the roles that see case files (folder policy); a letter of another case is not found.</summary>
public sealed class LetterModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid caseId, Guid id, CancellationToken cancellationToken) =>
        await LetterList.OpenAsync(db, caseId, id, cancellationToken) is { } found
            ? File(found.Pdf, "application/pdf", found.FileName)
            : NotFound();
}
