using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>A letter of the session's own report as PDF; any other id is not found.</summary>
public sealed class LetterModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        ReporterAccess.ReportIdOf(User) is { } caseId && await LetterList.OpenAsync(db, caseId, id, cancellationToken) is { } found
            ? File(found.Pdf, "application/pdf", found.FileName)
            : NotFound();
}
