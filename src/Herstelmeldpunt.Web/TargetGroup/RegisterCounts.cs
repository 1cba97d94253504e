using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Management;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.TargetGroup;

/// <summary>
/// The register at a glance: how many people, how many have reported, the last import. At a national scale an exact
/// count of ~800,000 members takes 60–90 ms on two cores, too slow for every view (issue "budgets raised"): the job
/// <c>figures</c> keeps them (<see cref="KeptFigures{T}"/>), an import counts them again at once, the pages say when.
/// The letters page reads its totals and those without an address here too (all, and those not reported).
/// </summary>
public sealed record RegisterCounts(int Members, int Reported, DateTime? LastImport, int WithoutAddress, int NotReportedWithoutAddress)
{
    /// <summary>The letters to print: everyone, or only those who have not reported; and of them, how many have no address.</summary>
    public (int Total, int WithoutAddress) Letters(bool onlyNotReported) =>
        onlyNotReported ? (Members - Reported, NotReportedWithoutAddress) : (Members, WithoutAddress);

    public const string Name = "register";

    public static KeptFigures<RegisterCounts> Keep(IServiceProvider services) =>
        KeptFigures.For<RegisterCounts>(services, Name, 3, TimeSpan.FromMinutes(services.GetRequiredService<FiguresOptions>().RefreshMinutes),
            (inScope, _, cancellationToken) => CountAsync(inScope.GetRequiredService<AppDbContext>(), cancellationToken));

    /// <summary>What the register's pages show: the kept counts and when they were counted, or (<see cref="FiguresOptions.ComputeOnEveryView"/>) a direct count now.</summary>
    public static async Task<(RegisterCounts Counts, DateTime CountedAt)> ForViewAsync(AppDbContext db, KeptFigures<RegisterCounts> kept, FiguresOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        return options.ComputeOnEveryView
            ? (await CountAsync(db, cancellationToken), clock.GetUtcNow().UtcDateTime)
            : await kept.CurrentAsync(cancellationToken);
    }

    /// <summary>The counts straight from the database: one pass over the register.</summary>
    public static async Task<RegisterCounts> CountAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var register = await db.TargetGroupMembers.GroupBy(m => 1)
            .Select(g => new
            {
                Count = g.Count(),
                NotReported = g.Count(m => m.ReportedAt == null),
                WithoutAddress = g.Count(m => m.AddressStreet == null),
                NotReportedWithoutAddress = g.Count(m => m.ReportedAt == null && m.AddressStreet == null),
                LastImport = g.Max(m => (DateTime?)m.ImportedAt),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return register is null
            ? new RegisterCounts(0, 0, null, 0, 0)
            : new RegisterCounts(register.Count, register.Count - register.NotReported, register.LastImport, register.WithoutAddress, register.NotReportedWithoutAddress);
    }
}
