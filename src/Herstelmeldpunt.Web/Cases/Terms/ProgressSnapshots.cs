using Herstelmeldpunt.Web.Data;
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

    public ProgressSnapshot(DateTime computedAt, IReadOnlyDictionary<string, StageStatistics> statistics, IEnumerable<QueueDay> queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ComputedAt = computedAt;
        Statistics = statistics;
        queues = queue.GroupBy(q => (q.State, q.Urgency)).ToDictionary(g => g.Key, g => new Queue(g.OrderBy(q => q.Day).ToList()));
    }

    /// <summary>Open cases of one step and urgency that entered it on one day (UTC).</summary>
    public sealed record QueueDay(string State, UrgencyLevel Urgency, DateOnly Day, int Count);

    public DateTime ComputedAt { get; }

    public IReadOnlyDictionary<string, StageStatistics> Statistics { get; }

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
/// Keeps the node's <see cref="ProgressSnapshot"/> (issue "national scale"): at a million reports the stay statistics
/// read ~600,000 step changes of the last 90 days (1.7 s) and the queue groups ~300,000 open cases (0.8 s), too slow
/// for Mijn melding's every view. The first view after a start computes it; after <see cref="RefreshAfter"/> (on the
/// injected clock) a view still gets the snapshot it has while a new one is computed in the background. Singleton.
/// </summary>
public sealed partial class ProgressSnapshots(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProgressSnapshots> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private ProgressSnapshot? current;
    private Task<ProgressSnapshot>? computing;

    public async Task<ProgressSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        Task<ProgressSnapshot> waitFor;
        lock (gate)
        {
            if (current is { } snapshot)
            {
                if (clock.GetUtcNow().UtcDateTime - snapshot.ComputedAt >= RefreshAfter && computing is null)
                {
                    computing = ComputeInBackground();
                    _ = computing.ContinueWith(LogFailure, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                return snapshot;
            }

            waitFor = computing ??= ComputeInBackground();
        }

        return await waitFor.WaitAsync(cancellationToken);
    }

    private Task<ProgressSnapshot> ComputeInBackground() => Task.Run(async () =>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var snapshot = await ComputeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            lock (gate)
            {
                current = snapshot;
            }

            return snapshot;
        }
        finally
        {
            lock (gate)
            {
                computing = null;
            }
        }
    });

    private void LogFailure(Task task) => LogRefreshFailed(task.Exception!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Computing the estimates' figures in the background failed; the previous ones stay in use")]
    private partial void LogRefreshFailed(Exception exception);

    /// <summary>The statistics and the queue from the database, as of <paramref name="now"/>.</summary>
    private static async Task<ProgressSnapshot> ComputeAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - ProgressEstimator.History;
        var states = ProgressEstimator.MainPath.ToList();
        var stays = new ProgressEstimator.StayTally(now);
        await foreach (var stay in (from left in db.WorkflowJournal
                                    where left.At >= since && left.FromState != null && states.Contains(left.FromState)
                                    join entered in db.WorkflowJournal on new { left.InstanceId, Sequence = left.Sequence - 1 } equals new { entered.InstanceId, entered.Sequence }
                                    select new { State = left.FromState!, LeftAt = left.At, EnteredAt = entered.At }).AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            stays.Add(stay.State, stay.EnteredAt, stay.LeftAt);
        }

        var queue = await (from i in db.WorkflowInstances
                           join r in db.Reports on i.Id equals r.Id
                           where states.Contains(i.State)
                           group i by new { i.State, r.Urgency, i.StateEnteredAt.Date } into day
                           select new { day.Key.State, day.Key.Urgency, day.Key.Date, Count = day.Count() }).ToListAsync(cancellationToken);
        return new ProgressSnapshot(
            now,
            stays.Result(),
            queue.Select(q => new ProgressSnapshot.QueueDay(q.State, q.Urgency, DateOnly.FromDateTime(q.Date), q.Count)));
    }
}
