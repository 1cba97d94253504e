using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Letters;

/// <summary>A print batch as one PDF (each letter on its own sheets), to print or print again.</summary>
public sealed class BatchModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await PrintBatch.RenderAsync(db, id, cancellationToken) is { } pdf
            ? File(pdf, "application/pdf", $"afdrukbatch-{id:N}.pdf")
            : NotFound();
}
