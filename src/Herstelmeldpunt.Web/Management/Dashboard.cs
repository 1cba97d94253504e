using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Management;

/// <summary>A reporting period in Dutch dates, both ends included.</summary>
public sealed record Period(DateOnly From, DateOnly To)
{
    public DateTime FromUtc => AmsterdamTime.StartOfDayUtc(From);

    public DateTime ToUtcExclusive => AmsterdamTime.StartOfDayUtc(To.AddDays(1));
}

public sealed record Count(string Key, int Value);

public sealed record WeekFigure(DateOnly WeekStart, int Received, int Closed);

public sealed record SatisfactionFigures(int Calls, int Reached, int NotReached, IReadOnlyList<Count> Scores, int SatisfiedWithProvision, int ActionNeeded)
{
    public double? AverageScore => Scores.Sum(s => s.Value) == 0 ? null : Scores.Sum(s => int.Parse(s.Key, System.Globalization.CultureInfo.InvariantCulture) * s.Value) / (double)Scores.Sum(s => s.Value);
}

/// <summary>Decisions taken in the period, and how many of them by the decision term (Awb).</summary>
public sealed record DecisionTermFigures(int Decided, int WithinTerm, double? MedianLeadDays, double? P90LeadDays)
{
    public double? Percentage => Decided == 0 ? null : 100.0 * WithinTerm / Decided;
}

public sealed record StageForecast(string State, int Queue, int LeftInLast28Days, double? DaysToClear, DateOnly? ExpectedClear);

public sealed record DashboardFigures(
    Period Period,
    int Received,
    IReadOnlyList<Count> ByState,
    IReadOnlyList<Count> ByUrgency,
    IReadOnlyList<Count> BySource,
    IReadOnlyList<WeekFigure> Weeks,
    IReadOnlyList<Count> Ageing,
    int DeadlinesMissed,
    int DeadlinesWithinTwoDays,
    DecisionTermFigures DecisionTerm,
    IReadOnlyList<Count> CommitteeWorkload,
    SatisfactionFigures Satisfaction,
    IReadOnlyList<StageForecast> Forecast,
    Cases.Promises.PromiseFigures? Promises = null);

/// <summary>Figures and the moment (UTC) they were computed.</summary>
public sealed record DashboardSnapshot(DashboardFigures Figures, DateTime ComputedAt);

/// <summary>The dashboard's figures of now (not of the period): open cases by waiting time, deadlines, the committee's workload, the forecast, the silence of open cases and the cases expected to be decided late.</summary>
public sealed record DashboardNow(
    IReadOnlyList<Count> Ageing,
    int DeadlinesMissed,
    int DeadlinesWithinTwoDays,
    IReadOnlyList<Count> CommitteeWorkload,
    IReadOnlyList<StageForecast> Forecast,
    double? SilenceP90Days,
    int SilenceOpenCases,
    int ExpectedLate)
{
    public const string Name = "dashboard-now";

    /// <summary>Every open case (the forecast has each open step's queue).</summary>
    public int OpenCases => Forecast.Sum(f => f.Queue);
}

/// <summary>
/// The management figures, computed in the database with grouped counts and projections (no entities are loaded).
/// What the period filters: reports received (state now, urgency, source, weekly intake), cases closed (weekly
/// throughput), decisions, calls made (satisfaction), promises due and messages in the period — summed from
/// <see cref="DashboardDays"/>. What is a snapshot of now (<see cref="DashboardNow"/>): ageing of open cases,
/// deadlines, committee workload, the forecast and the silence of open cases. The page shows the sets the job
/// <c>figures</c> stored, so any period's first view sums stored days instead of reading the history.
/// </summary>
public sealed class Dashboard(AppDbContext db, WorkflowCatalog catalog, TimeProvider clock, FiguresOptions options, KeptFigures<DashboardDays> days, KeptFigures<DashboardNow> current)
{
    public static readonly (string Key, int FromDays, int? ToDays)[] AgeingBuckets =
        [("0-6", 0, 6), ("7-13", 7, 13), ("14-27", 14, 27), ("28-55", 28, 55), ("56+", 56, null)];

    /// <summary>States in which a case is at rest (closed, withdrawn, outside the target group), across all versions.</summary>
    public IReadOnlyList<string> FinalStates => catalog.FinalStates;

    /// <summary>The two kept sets (registered as singletons; the job computes them after the estimates' figures).</summary>
    public static KeptFigures<DashboardDays> KeepDays(IServiceProvider services) =>
        KeptFigures.For<DashboardDays>(services, DashboardDays.Name, 2, TimeSpan.FromMinutes(services.GetRequiredService<FiguresOptions>().RefreshMinutes),
            (inScope, _, cancellationToken) => DashboardDays.ComputeAsync(inScope.GetRequiredService<AppDbContext>(), inScope.GetRequiredService<WorkflowCatalog>().FinalStates, null, cancellationToken));

    /// <inheritdoc cref="KeepDays"/>
    public static KeptFigures<DashboardNow> KeepNow(IServiceProvider services) =>
        KeptFigures.For<DashboardNow>(services, DashboardNow.Name, 2, TimeSpan.FromMinutes(services.GetRequiredService<FiguresOptions>().RefreshMinutes),
            (inScope, now, cancellationToken) => inScope.GetRequiredService<Dashboard>().NowAsync(now, cancellationToken));

    /// <summary>The figures of now as the pages show them (the stored set, or computed now when configured so) and when they were computed.</summary>
    public async Task<(DashboardNow Figures, DateTime ComputedAt)> NowAsync(CancellationToken cancellationToken)
    {
        if (options.ComputeOnEveryView)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (await NowAsync(now, cancellationToken), now);
        }

        return await current.CurrentAsync(cancellationToken);
    }

    /// <summary>The figures as the page and the API show them: from the stored sets (the older one's time), or computed now when configured so.</summary>
    public async Task<DashboardSnapshot> SnapshotAsync(Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (options.ComputeOnEveryView)
        {
            return new DashboardSnapshot(await FiguresAsync(period, cancellationToken), clock.GetUtcNow().UtcDateTime);
        }

        var (byDay, daysAt) = await days.CurrentAsync(cancellationToken);
        var (now, nowAt) = await current.CurrentAsync(cancellationToken);
        return new DashboardSnapshot(Combine(period, byDay.For(period), now), daysAt < nowAt ? daysAt : nowAt);
    }

    /// <summary>The figures computed now, straight from the database (the period's days and the figures of now).</summary>
    public async Task<DashboardFigures> FiguresAsync(Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var byDay = await DashboardDays.ComputeAsync(db, FinalStates, period, cancellationToken);
        return Combine(period, byDay.For(period), await NowAsync(clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    private static DashboardFigures Combine(Period period, PeriodFigures p, DashboardNow now) =>
        new(period, p.Received, p.ByState, p.ByUrgency, p.BySource, p.Weeks, now.Ageing, now.DeadlinesMissed, now.DeadlinesWithinTwoDays, p.DecisionTerm, now.CommitteeWorkload, p.Satisfaction,
            now.Forecast, new Cases.Promises.PromiseFigures(p.PromiseMonths, now.SilenceP90Days, now.SilenceOpenCases, p.Callbacks));

    /// <summary>The figures of now, as of <paramref name="now"/>.</summary>
    public async Task<DashboardNow> NowAsync(DateTime now, CancellationToken cancellationToken)
    {
        var final = FinalStates;
        var open = db.WorkflowInstances.Where(i => !final.Contains(i.State));
        // One pass over the open cases, each counted in the bucket of its waiting time (the buckets' lower bounds, newest first).
        var b1 = now.AddDays(-(AgeingBuckets[0].ToDays!.Value + 1));
        var b2 = now.AddDays(-(AgeingBuckets[1].ToDays!.Value + 1));
        var b3 = now.AddDays(-(AgeingBuckets[2].ToDays!.Value + 1));
        var b4 = now.AddDays(-(AgeingBuckets[3].ToDays!.Value + 1));
        var perBucket = await open.Where(i => i.StateEnteredAt <= now)
            .GroupBy(i => i.StateEnteredAt > b1 ? 0 : i.StateEnteredAt > b2 ? 1 : i.StateEnteredAt > b3 ? 2 : i.StateEnteredAt > b4 ? 3 : 4)
            .Select(g => new { g.Key, Value = g.Count() })
            .ToListAsync(cancellationToken);
        var ageing = AgeingBuckets.Select((bucket, index) => new Count(bucket.Key, perBucket.FirstOrDefault(b => b.Key == index)?.Value ?? 0)).ToList();

        const string escalate = CaseVocabulary.Actions.EscalateToManager;
        var missed = await db.WorkflowTimers.CountAsync(t => t.FiresAction == escalate && t.FiredAt != null && t.CancelledAt == null
            && db.WorkflowInstances.Any(i => i.Id == t.InstanceId && i.State == t.State), cancellationToken);
        var soon = now.AddDays(2);
        var dueSoon = await db.WorkflowTimers.CountAsync(t => t.FiresAction == escalate && t.FiredAt == null && t.CancelledAt == null && t.DueAt > now && t.DueAt <= soon, cancellationToken);

        var workload = await (from i in db.WorkflowInstances
                              where (i.State == CaseVocabulary.States.WithCommittee || i.State == CaseVocabulary.States.AdviceReview) && i.AssigneeId != null
                              join u in db.Users on i.AssigneeId equals u.Id
                              group i by u.DisplayName into g
                              select new Count(g.Key, g.Count())).ToListAsync(cancellationToken);
        var (p90, openCount) = await Cases.Promises.PromiseFigures.SilenceAsync(db, final, now, cancellationToken);
        var expectedLate = await db.Set<Cases.Terms.ReporterEstimate>().CountAsync(e => e.ExpectedLate, cancellationToken);
        return new DashboardNow(ageing, missed, dueSoon, workload, await ForecastAsync(now, cancellationToken), p90, openCount, expectedLate);
    }

    /// <summary>The nearest-rank percentile of sorted values; null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Per open stage: the queue now, how many cases left the stage in the last 28 days, and from that
    /// rate how many days the queue needs (calendar days; unknown without recent throughput).
    /// </summary>
    public async Task<IReadOnlyList<StageForecast>> ForecastAsync(DateTime now, CancellationToken cancellationToken)
    {
        var final = FinalStates;
        var since = now.AddDays(-28);
        var queues = await db.WorkflowInstances.Where(i => !final.Contains(i.State)).GroupBy(i => i.State).Select(g => new { g.Key, Value = g.Count() }).ToListAsync(cancellationToken);
        var left = await db.WorkflowJournal.Where(j => j.At >= since && j.FromState != null && j.FromState != j.ToState)
            .GroupBy(j => j.FromState!).Select(g => new { g.Key, Value = g.Count() }).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, AmsterdamTime.Zone));
        return [.. queues.OrderByDescending(q => q.Value).Select(q =>
        {
            var leftCount = left.FirstOrDefault(l => l.Key == q.Key)?.Value ?? 0;
            double? days = leftCount == 0 ? null : Math.Round(q.Value / (leftCount / 28.0), 1);
            return new StageForecast(q.Key, q.Value, leftCount, days, days is { } d ? today.AddDays((int)Math.Ceiling(d)) : null);
        })];
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
