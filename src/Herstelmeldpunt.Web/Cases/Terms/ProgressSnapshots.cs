using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Terms;

/// <summary>
/// What the estimates are made from, as of <see cref="ComputedAt"/>: per step of the main path, how long cases stayed
/// there recently (<see cref="Statistics"/>), and its queue: how many open cases entered it on each day, per urgency.
/// </summary>
public sealed class ProgressSnapshot
{
    private readonly Dictionary<(string State, UrgencyLevel Urgency), Queue> queues;

    [System.Text.Json.Serialization.JsonConstructor]
    public ProgressSnapshot(DateTime computedAt, IReadOnlyDictionary<string, StageStatistics> statistics, IReadOnlyList<QueueDay> queueDays)
    {
        ArgumentNullException.ThrowIfNull(queueDays);
        ComputedAt = computedAt;
        Statistics = statistics;
        QueueDays = queueDays;
        queues = queueDays.GroupBy(q => (q.State, q.Urgency)).ToDictionary(g => g.Key, g => new Queue(g.OrderBy(q => q.Day).ToList()));
    }

    /// <summary>Open cases of one step and urgency that entered it on one day (UTC).</summary>
    public sealed record QueueDay(string State, UrgencyLevel Urgency, DateOnly Day, int Count);

    public DateTime ComputedAt { get; }

    public IReadOnlyDictionary<string, StageStatistics> Statistics { get; }

    /// <summary>The open cases per step, urgency and day entered (what <see cref="Ahead"/> counts; kept with the statistics).</summary>
    public IReadOnlyList<QueueDay> QueueDays { get; }

    /// <summary>
    /// The cases ahead of one that entered <paramref name="state"/> at <paramref name="enteredAt"/>: every more urgent
    /// one, every as urgent one that entered on an earlier day, and half of those (but itself) that entered on the same day.
    /// </summary>
    public int Ahead(string state, UrgencyLevel urgency, DateTime enteredAt)
    {
        var ahead = 0;
        foreach (var ((queueState, queueUrgency), queue) in queues)
        {
            if (queueState != state || queueUrgency < urgency)
            {
                continue;
            }

            ahead += queueUrgency > urgency ? queue.Total : queue.EnteredBefore(DateOnly.FromDateTime(enteredAt));
        }

        return ahead;
    }

    /// <summary>One step's open cases of one urgency, by day entered, with running totals.</summary>
    private sealed class Queue
    {
        private readonly DateOnly[] days;
        private readonly int[] before; // cases that entered before days[i]
        private readonly int[] counts;

        public Queue(List<QueueDay> byDay)
        {
            days = byDay.Select(d => d.Day).ToArray();
            counts = byDay.Select(d => d.Count).ToArray();
            before = new int[days.Length];
            for (var i = 1; i < days.Length; i++)
            {
                before[i] = before[i - 1] + counts[i - 1];
            }

            Total = days.Length == 0 ? 0 : before[^1] + counts[^1];
        }

        public int Total { get; }

        public int EnteredBefore(DateOnly day)
        {
            var index = Array.BinarySearch(days, day);
            return index >= 0 ? before[index] + (Math.Max(0, counts[index] - 1) / 2) : (~index < days.Length ? before[~index] : Total);
        }
    }
}

/// <summary>
/// The node's <see cref="ProgressSnapshot"/> (issue "national scale"; issue "budgets raised"): at a million reports the
/// stay statistics read ~600,000 step changes of the last 90 days and the queue groups ~300,000 open cases (2–3 s
/// together), too slow for Mijn melding's every view and too slow for its first. The recurring job <c>figures</c>
/// computes them and keeps them in the database (<see cref="KeptFigures{T}"/>); a node reads the stored set once after
/// its start (right after it listens, <see cref="Operations.StartupWarmUp"/>) and looks for a newer one every half
/// minute behind the views. Singleton.
/// </summary>
public sealed class ProgressSnapshots
{
    public const string Name = "progress";

    /// <summary>How old the stored figures may be before a node computes new ones itself (the job stores them every five minutes).</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);

    public ProgressSnapshots(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProgressSnapshots> logger) =>
        Kept = new(Name, 0, RefreshAfter, (services, now, cancellationToken) => ComputeAsync(services.GetRequiredService<AppDbContext>(), now, cancellationToken), scopes, clock, logger);

    public KeptFigures<ProgressSnapshot> Kept { get; }

    public async Task<ProgressSnapshot> CurrentAsync(CancellationToken cancellationToken) => (await Kept.CurrentAsync(cancellationToken)).Figures;

    /// <summary>The statistics and the queue from the database, as of <paramref name="now"/>.</summary>
    private static async Task<ProgressSnapshot> ComputeAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var states = ProgressEstimator.MainPath.ToList();
        var statistics = db.Database.IsNpgsql()
            ? await StatisticsInDatabaseAsync(db, now, states, cancellationToken)
            : await StatisticsTalliedAsync(db, now, states, cancellationToken);
        var queue = await (from i in db.WorkflowInstances
                           join r in db.Reports on i.Id equals r.Id
                           where states.Contains(i.State)
                           group i by new { i.State, r.Urgency, i.StateEnteredAt.Date } into day
                           select new { day.Key.State, day.Key.Urgency, day.Key.Date, Count = day.Count() }).ToListAsync(cancellationToken);
        return new ProgressSnapshot(
            now,
            statistics,
            [.. queue.Select(q => new ProgressSnapshot.QueueDay(q.State, q.Urgency, DateOnly.FromDateTime(q.Date), q.Count))]);
    }

    /// <summary>Every stay of the last 90 days read and tallied in the node (SQLite, an office's size).</summary>
    private static async Task<IReadOnlyDictionary<string, StageStatistics>> StatisticsTalliedAsync(AppDbContext db, DateTime now, List<string> states, CancellationToken cancellationToken)
    {
        var since = now - ProgressEstimator.History;
        var stays = new ProgressEstimator.StayTally(now);
        await foreach (var stay in (from left in db.WorkflowJournal
                                    where left.At >= since && left.FromState != null && states.Contains(left.FromState)
                                    join entered in db.WorkflowJournal on new { left.InstanceId, Sequence = left.Sequence - 1 } equals new { entered.InstanceId, entered.Sequence }
                                    select new { State = left.FromState!, LeftAt = left.At, EnteredAt = entered.At }).AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            stays.Add(stay.State, stay.EnteredAt, stay.LeftAt);
        }

        return stays.Result();
    }

    /// <summary>
    /// The same figures counted and interpolated by PostgreSQL (<c>percentile_cont</c> interpolates as
    /// <see cref="ProgressEstimator.StayTally"/> does): at a million reports ~600,000 stays, which the node no longer
    /// reads one by one (ProgressSnapshotsTests compares the two on the same journal).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, StageStatistics>> StatisticsInDatabaseAsync(AppDbContext db, DateTime now, List<string> states, CancellationToken cancellationToken)
    {
        var since = now - ProgressEstimator.History;
        var paceSince = now - ProgressEstimator.Pace;
        var stateArray = states.ToArray();
        var rows = await db.Database.SqlQuery<StayFigures>($"""
            SELECT s."State", count(*)::int AS "Samples", (count(*) FILTER (WHERE s."LeftAt" >= {paceSince}))::int AS "RecentlyLeft",
                   percentile_cont(0.1) WITHIN GROUP (ORDER BY s."Days") AS "P10",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY s."Days") AS "P50",
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY s."Days") AS "P90"
            FROM (SELECT l."FromState" AS "State", l."At" AS "LeftAt", (extract(epoch FROM l."At" - e."At") / 86400)::float8 AS "Days"
                  FROM "WorkflowJournal" l
                  JOIN "WorkflowJournal" e ON e."InstanceId" = l."InstanceId" AND e."Sequence" = l."Sequence" - 1
                  WHERE l."At" >= {since} AND l."FromState" = ANY ({stateArray})) s
            GROUP BY s."State"
            """).ToListAsync(cancellationToken);
        var byState = rows.ToDictionary(r => r.State);
        return states.ToDictionary(
            state => state,
            state => byState.TryGetValue(state, out var r)
                ? ProgressEstimator.Stage(state, r.Samples, r.RecentlyLeft, r.P10, r.P50, r.P90)
                : ProgressEstimator.Stage(state, 0, 0, 0, 0, 0));
    }

    /// <summary>One step's stays as PostgreSQL counts them (<see cref="StatisticsInDatabaseAsync"/>).</summary>
    private sealed record StayFigures(string State, int Samples, int RecentlyLeft, double P10, double P50, double P90);
}
