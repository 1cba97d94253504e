using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup;

/// <summary>The target-group register at a glance: how many people, how many have reported.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public int Members { get; private set; }

    public int Reported { get; private set; }

    public DateTime? LastImport { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Members = await db.TargetGroupMembers.CountAsync(cancellationToken);
        Reported = await db.TargetGroupMembers.CountAsync(m => db.Reports.Any(r => r.BsnHash == m.BsnHash), cancellationToken);
        LastImport = await db.TargetGroupMembers.MaxAsync(m => (DateTime?)m.ImportedAt, cancellationToken);
    }
}
