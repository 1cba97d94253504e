using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

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

/// <summary>Configuration section "Dashboard".</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// How long computed figures are shown again before they are computed anew (per period, per node). At a national
    /// scale one computation reads hundreds of thousands of rows (about a second); management figures of a minute ago
    /// are as good, and the page says when they were computed. 0 computes on every view.
    /// </summary>
    public int CacheSeconds { get; set; } = 60;
}

/// <summary>Figures and the moment (UTC) they were computed.</summary>
public sealed record DashboardSnapshot(DashboardFigures Figures, DateTime ComputedAt);

/// <summary>
/// The management figures, computed in the database with grouped counts and projections (no entities
/// are loaded). What the period filters: reports received (state, urgency, source, weekly intake),
/// cases closed (weekly throughput) and calls made (satisfaction) in the period. What is a snapshot of
/// now: ageing of open cases, deadlines, committee workload and the forecast.
/// </summary>
public sealed class Dashboard(AppDbContext db, WorkflowCatalog catalog, TimeProvider clock, IMemoryCache cache, DashboardOptions options, DashboardRefresher? refresher = null)
{
    public static readonly (string Key, int FromDays, int? ToDays)[] AgeingBuckets =
        [("0-6", 0, 6), ("7-13", 7, 13), ("14-27", 14, 27), ("28-55", 28, 55), ("56+", 56, null)];

    /// <summary>States in which a case is at rest (closed, withdrawn, outside the target group), across all versions.</summary>
    public IReadOnlyList<string> FinalStates => catalog.FinalStates;

    /// <summary>The figures as the page and the API show them: computed at most every <see cref="DashboardOptions.CacheSeconds"/>.</summary>
    public async Task<DashboardSnapshot> SnapshotAsync(Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (options.CacheSeconds <= 0)
        {
            return new DashboardSnapshot(await FiguresAsync(period, cancellationToken), clock.GetUtcNow().UtcDateTime);
        }

        // Freshness is judged on the injected clock; the cache's own expiry only clears out periods nobody looks at.
        var now = clock.GetUtcNow().UtcDateTime;
        if (cache.TryGetValue(Key(period), out DashboardSnapshot? cached) && cached is not null)
        {
            var age = now - cached.ComputedAt;
            if (age < TimeSpan.FromSeconds(options.CacheSeconds))
            {
                return cached;
            }

            // A few minutes old: shown at once (the page says when it was computed) while this node computes the
            // period anew in the background, once, so the next view has fresh figures without waiting for them.
            if (refresher is not null && age < TimeSpan.FromSeconds(options.CacheSeconds * StaleViews))
            {
                refresher.Refresh(period);
                return cached;
            }
        }

        var snapshot = new DashboardSnapshot(await FiguresAsync(period, cancellationToken), now);
        Keep(cache, period, snapshot);
        return snapshot;
    }

    /// <summary>How many cache periods old a snapshot may be and still be shown while a fresh one is computed; older ones are computed before they are shown.</summary>
    public const int StaleViews = 5;

    /// <summary>Keeps a period's snapshot on this node (the cache's own expiry only clears out periods nobody looks at).</summary>
    internal static void Keep(IMemoryCache cache, Period period, DashboardSnapshot snapshot) =>
        cache.Set(Key(period), snapshot, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });

    private static (string, DateOnly, DateOnly) Key(Period period) => ("dashboard", period.From, period.To);

    /// <summary>The figures computed now, straight from the database.</summary>
    public async Task<DashboardFigures> FiguresAsync(Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var from = period.FromUtc;
        var to = period.ToUtcExclusive;
        var now = clock.GetUtcNow().UtcDateTime;
        var final = FinalStates;
        var inPeriod = db.Reports.Where(r => r.ReceivedAt >= from && r.ReceivedAt < to);

        var byState = await (from r in inPeriod join i in db.WorkflowInstances on r.Id equals i.Id group i by i.State into g select new Count(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        var byUrgency = (await inPeriod.GroupBy(r => r.Urgency).Select(g => new { g.Key, Value = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => new Count(g.Key.ToString(), g.Value)).ToList();
        var bySource = (await inPeriod.GroupBy(r => r.Source).Select(g => new { g.Key, Value = g.Count() }).ToListAsync(cancellationToken))
            .Select(g => new Count(g.Key.ToString(), g.Value)).ToList();

        var receivedPerDay = await inPeriod.GroupBy(r => r.ReceivedAt.Date).Select(g => new { Day = g.Key, Value = g.Count() }).ToListAsync(cancellationToken);
        var closedPerDay = await db.WorkflowJournal
            .Where(j => j.At >= from && j.At < to && final.Contains(j.ToState) && j.FromState != null && !final.Contains(j.FromState))
            .GroupBy(j => j.At.Date).Select(g => new { Day = g.Key, Value = g.Count() }).ToListAsync(cancellationToken);
        var weeks = new List<WeekFigure>();
        for (var week = Monday(period.From); week <= period.To; week = week.AddDays(7))
        {
            var start = week.ToDateTime(TimeOnly.MinValue);
            var end = start.AddDays(7);
            weeks.Add(new WeekFigure(week, receivedPerDay.Where(d => d.Day >= start && d.Day < end).Sum(d => d.Value), closedPerDay.Where(d => d.Day >= start && d.Day < end).Sum(d => d.Value)));
        }

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

        var decided = db.Set<CaseDeadline>().Where(d => d.DecidedOn != null && d.DecidedOn >= period.From && d.DecidedOn <= period.To);
        // Lead time, received to decision, in calendar days: read as pairs of dates (one month's decisions), ranked here.
        var lead = (await decided.Select(d => new { d.ReceivedOn, d.DecidedOn }).ToListAsync(cancellationToken))
            .Select(d => (double)(d.DecidedOn!.Value.DayNumber - d.ReceivedOn.DayNumber)).Order().ToList();
        var term = new DecisionTermFigures(lead.Count, await decided.CountAsync(d => d.DecidedOn <= d.DueOn, cancellationToken), Percentile(lead, 0.5), Percentile(lead, 0.9));

        var workload = await (from i in db.WorkflowInstances
                              where (i.State == CaseVocabulary.States.WithCommittee || i.State == CaseVocabulary.States.AdviceReview) && i.AssigneeId != null
                              join u in db.Users on i.AssigneeId equals u.Id
                              group i by u.DisplayName into g
                              select new Count(g.Key, g.Count())).ToListAsync(cancellationToken);

        var calls = db.FollowUpCalls.Where(c => c.CalledAt != null && c.CalledAt >= from && c.CalledAt < to);
        var scores = await calls.Where(c => c.Satisfaction != null).GroupBy(c => c.Satisfaction!.Value).Select(g => new { g.Key, Value = g.Count() }).ToListAsync(cancellationToken);
        var satisfaction = new SatisfactionFigures(
            await calls.CountAsync(cancellationToken),
            await calls.CountAsync(c => c.Reached == true, cancellationToken),
            await calls.CountAsync(c => c.Reached == false, cancellationToken),
            [.. Enumerable.Range(1, 5).Select(s => new Count(s.ToString(System.Globalization.CultureInfo.InvariantCulture), scores.FirstOrDefault(x => x.Key == s)?.Value ?? 0))],
            await calls.CountAsync(c => c.SatisfiedWithProvision == true, cancellationToken),
            await calls.CountAsync(c => c.ActionNeeded == true, cancellationToken));

        return new DashboardFigures(period, await inPeriod.CountAsync(cancellationToken), byState, byUrgency, bySource, weeks, ageing, missed, dueSoon, term, workload, satisfaction,
            await ForecastAsync(now, cancellationToken),
            await Cases.Promises.PromiseFigures.ComputeAsync(db, final, period.From, period.To, from, to, now, cancellationToken));
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

/// <summary>
/// Computes a period's figures anew in the background for <see cref="Dashboard.SnapshotAsync"/> (one computation per
/// period at a time on this node, in a scope of its own). Singleton.
/// </summary>
public sealed partial class DashboardRefresher(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock, ILogger<DashboardRefresher> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Period, byte> running = new();

    public void Refresh(Period period)
    {
        if (running.TryAdd(period, 0))
        {
            _ = Task.Run(() => ComputeAsync(period));
        }
    }

    private async Task ComputeAsync(Period period)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var computedAt = clock.GetUtcNow().UtcDateTime;
            var figures = await scope.ServiceProvider.GetRequiredService<Dashboard>().FiguresAsync(period, CancellationToken.None);
            Dashboard.Keep(cache, period, new DashboardSnapshot(figures, computedAt));
        }
#pragma warning disable CA1031 // a failed refresh is logged; the next view computes the figures itself when the old ones are too old
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRefreshFailed(exception);
        }
        finally
        {
            running.TryRemove(period, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Computing the dashboard figures in the background failed")]
    private partial void LogRefreshFailed(Exception exception);
}
