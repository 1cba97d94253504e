using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Management;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.TargetGroup;

/// <summary>
/// The register at a glance: how many people, how many have reported, the last import. At a national scale an exact
/// count of ~800,000 members takes 60–90 ms on two cores, too slow for every view (issue "budgets raised"): the job
/// <c>figures</c> keeps them (<see cref="KeptFigures{T}"/>), an import counts them again at once, the page says when.
/// </summary>
public sealed record RegisterCounts(int Members, int Reported, DateTime? LastImport)
{
    public const string Name = "register";

    public static KeptFigures<RegisterCounts> Keep(IServiceProvider services) =>
        KeptFigures.For<RegisterCounts>(services, Name, 3, TimeSpan.FromMinutes(services.GetRequiredService<FiguresOptions>().RefreshMinutes),
            (inScope, _, cancellationToken) => CountAsync(inScope.GetRequiredService<AppDbContext>(), cancellationToken));

    /// <summary>The counts straight from the database: one pass over the register for its size and last import, those not reported from their own index.</summary>
    public static async Task<RegisterCounts> CountAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var register = await db.TargetGroupMembers.GroupBy(m => 1)
            .Select(g => new { Count = g.Count(), LastImport = g.Max(m => (DateTime?)m.ImportedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        var members = register?.Count ?? 0;
        return new RegisterCounts(members, members - await db.TargetGroupMembers.CountAsync(m => m.ReportedAt == null, cancellationToken), register?.LastImport);
    }
}
