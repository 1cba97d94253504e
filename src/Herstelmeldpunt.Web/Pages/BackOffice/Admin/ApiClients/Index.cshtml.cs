using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin.ApiClients;

/// <summary>The system clients (koppelingen) that may use the API: active first, then revoked.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<ApiClient> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Clients = await db.Set<ApiClient>().AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ToListAsync(cancellationToken);
}
