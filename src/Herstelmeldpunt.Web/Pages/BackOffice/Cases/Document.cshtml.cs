using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>A document of a case, for the roles that see case files (folder policy); a document of another case is not found. Each download is in the access log.</summary>
public sealed class DocumentModel(DocumentStore documents, AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid caseId, Guid id, CancellationToken cancellationToken)
    {
        if (await documents.OpenAsync(caseId, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        AccessLog.Record(db, clock, HttpContext, AccessActions.DocumentDownloaded, caseId, found.Document.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return File(found.Content, found.Document.ContentType, found.Document.FileName);
    }
}
