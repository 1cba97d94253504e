using Herstelmeldpunt.Web.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>A document of a case, for the roles that see case files (folder policy); a document of another case is not found.</summary>
public sealed class DocumentModel(DocumentStore documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid caseId, Guid id, CancellationToken cancellationToken) =>
        await documents.OpenAsync(caseId, id, cancellationToken) is { } found
            ? File(found.Content, found.Document.ContentType, found.Document.FileName)
            : NotFound();
}
