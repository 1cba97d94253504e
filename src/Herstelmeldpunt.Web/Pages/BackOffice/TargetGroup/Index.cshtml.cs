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
        // One pass over the register for its size and last import; those not reported from their own index.
        var register = await db.TargetGroupMembers.GroupBy(m => 1)
            .Select(g => new { Count = g.Count(), LastImport = g.Max(m => (DateTime?)m.ImportedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        Members = register?.Count ?? 0;
        LastImport = register?.LastImport;
        Reported = Members - await db.TargetGroupMembers.CountAsync(m => m.ReportedAt == null, cancellationToken);
    }
}
