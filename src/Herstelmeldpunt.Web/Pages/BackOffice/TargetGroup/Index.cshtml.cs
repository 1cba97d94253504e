using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup;

/// <summary>The target-group register at a glance: how many people, how many have reported (the kept counts, <see cref="RegisterCounts"/>).</summary>
public sealed class IndexModel(AppDbContext db, KeptFigures<RegisterCounts> kept, FiguresOptions options, TimeProvider clock) : PageModel
{
    public int Members { get; private set; }

    public int Reported { get; private set; }

    public DateTime? LastImport { get; private set; }

    /// <summary>When the counts were made (UTC).</summary>
    public DateTime CountedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (counts, countedAt) = await RegisterCounts.ForViewAsync(db, kept, options, clock, cancellationToken);
        (Members, Reported, LastImport, CountedAt) = (counts.Members, counts.Reported, counts.LastImport, countedAt);
    }
}
