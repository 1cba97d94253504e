using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>A document of the session's own report; any other id is not found.</summary>
public sealed class DocumentModel(DocumentStore documents) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        ReporterAccess.ReportIdOf(User) is { } caseId && await documents.OpenAsync(caseId, id, cancellationToken) is { } found
            ? File(found.Content, found.Document.ContentType, found.Document.FileName)
            : NotFound();
}
