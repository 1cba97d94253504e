using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin;

/// <summary>The latest administrative changes, newest first.</summary>
public sealed class AuditLogModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.At).Take(500).ToListAsync(cancellationToken);
}
