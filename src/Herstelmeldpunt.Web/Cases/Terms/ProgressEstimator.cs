using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Terms;

/// <summary>A date range: the estimate is never one day, because it is not that certain.</summary>
public sealed record DateRange(DateOnly From, DateOnly To);

/// <summary>When the report leaves its current step, and when the decision is expected.</summary>
public sealed record ProgressEstimate(DateRange NextStep, DateRange Decision);

/// <summary>How long a step took recently (days: 10th, 50th and 90th percentile) and how many cases left it per day.</summary>
public sealed record StageStatistics(double P25, double P50, double P75, double LeftPerDay, int Samples);

/// <summary>
/// Estimates from live throughput, not a fixed number (docs/estimates.md). For the current step: the
/// recent time cases spent in it (10th to 90th percentile over the last 90 days) minus the time this report has
/// already spent there, or — when that is longer — the time the cases ahead of it in the queue (more
/// urgent, or as urgent and waiting longer) take to leave at the pace of the last 28 days. The later
/// steps add their recent percentiles. (Quartiles gave ranges that held the real date only a third of
/// the time in the simulation of docs/figures.md; the 10th-90th percentile holds it 60% of the time.) With fewer than <see cref="MinimumSamples"/> recent cases a step
/// uses its norm instead. Statistics and queue come from the node's <see cref="ProgressSnapshots"/> (at most ten minutes old).
/// </summary>
public sealed class ProgressEstimator(ProgressSnapshots snapshots, TimeProvider clock)
{
    public const int MinimumSamples = 10;

    /// <summary>The steps every report goes through on its way to a decision, in order.</summary>
    public static readonly IReadOnlyList<string> MainPath = [CaseVocabulary.States.Screening, CaseVocabulary.States.WithCommittee, CaseVocabulary.States.AdviceReview, CaseVocabulary.States.AwaitingDecision, CaseVocabulary.States.DecisionProposed, CaseVocabulary.States.DecisionDiscussed];

    /// <summary>
    /// Norms in days when there is no recent history: the typical stay in each step (the definition's deadlines are the
    /// longest a step may take, not the typical one). A step without history is given 0.75 to 1.5 times its norm, so the
    /// norms together must fit the legal term (40 working days, 56 days without holidays) at 1.5 times: 36 × 1.5 = 54
    /// days. A fresh install then never tells its first reporters a date past the term (ProgressEstimatorTests).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> NormDays = new Dictionary<string, double>
    {
        [CaseVocabulary.States.Screening] = 4,
        [CaseVocabulary.States.WithCommittee] = 20,
        [CaseVocabulary.States.AdviceReview] = 3,
        [CaseVocabulary.States.AwaitingDecision] = 4,
        [CaseVocabulary.States.DecisionProposed] = 3,
        [CaseVocabulary.States.DecisionDiscussed] = 2,
    };

    /// <summary>The spread of a step that uses its norm: from this times the norm to <see cref="NormHigh"/> times it.</summary>
    public const double NormLow = 0.75;

    public const double NormHigh = 1.5;

    /// <summary>How far back the stays are read.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    /// <summary>How far back the cases that left a step give its pace (cases per day).</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromDays(28);

    /// <summary>Null once the decision is taken (or the report is closed or withdrawn): there is nothing left to estimate.</summary>
    public async Task<ProgressEstimate?> EstimateAsync(WorkflowInstance instance, UrgencyLevel urgency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var waitingForReporter = instance.State == CaseVocabulary.States.AwaitingInformation;
        var stage = waitingForReporter ? CaseVocabulary.States.Screening : instance.State;
        if (!MainPath.Contains(stage))
        {
            return null;
        }

        var snapshot = await snapshots.CurrentAsync(cancellationToken);
        var ahead = waitingForReporter ? 0 : snapshot.Ahead(instance.State, urgency, instance.StateEnteredAt);
        return Estimate(stage, waitingForReporter ? null : instance.StateEnteredAt, ahead, snapshot.Statistics, clock.GetUtcNow());
    }

    /// <summary>
    /// The arithmetic, without the database: <paramref name="enteredAt"/> null means the step has not
    /// started yet (the reporter still has to answer). Thread-safe.
    /// </summary>
    public static ProgressEstimate Estimate(string stage, DateTime? enteredAt, int ahead, IReadOnlyDictionary<string, StageStatistics> stats, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var index = MainPath.ToList().IndexOf(stage);
        var current = stats[stage];
        var elapsed = enteredAt is { } entered ? Math.Max(0, (now.UtcDateTime - entered).TotalDays) : 0;
        var byQueue = current.LeftPerDay > 0 ? ahead / current.LeftPerDay : 0;
        var low = Math.Max(1, Math.Max(current.P25 - elapsed, byQueue * 0.75));
        var high = Math.Max(low, Math.Max(current.P75 - elapsed, byQueue * 1.25));
        var next = new DateRange(Day(now, low), Day(now, high));
        foreach (var later in MainPath.Skip(index + 1))
        {
            low += stats[later].P25;
            high += stats[later].P75;
        }

        return new ProgressEstimate(next, new DateRange(Day(now, low), Day(now, high)));
    }

    /// <summary>Per step of the main path: how long cases stayed recently and how many left (from the node's snapshot).</summary>
    public async Task<IReadOnlyDictionary<string, StageStatistics>> StatisticsAsync(CancellationToken cancellationToken) =>
        (await snapshots.CurrentAsync(cancellationToken)).Statistics;

    /// <summary>A case's stay in a step: when it entered and when it left (UTC).</summary>
    public sealed record Stay(string State, DateTime EnteredAt, DateTime LeftAt);

    /// <summary>The statistics from stays that ended in the last 90 days (the arithmetic, without the database).</summary>
    public static IReadOnlyDictionary<string, StageStatistics> Statistics(IEnumerable<Stay> stays, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(stays);
        var tally = new StayTally(now);
        foreach (var stay in stays)
        {
            tally.Add(stay.State, stay.EnteredAt, stay.LeftAt);
        }

        return tally.Result();
    }

    /// <summary>
    /// One pass over stays as they are read, keeping per step only the durations (days) and how many left in the last
    /// 28 days: at a million reports ~600,000 stays are read, and none of them is held.
    /// </summary>
    public sealed class StayTally(DateTime now)
    {
        private readonly Dictionary<string, List<double>> days = MainPath.ToDictionary(s => s, _ => new List<double>());
        private readonly Dictionary<string, int> recentlyLeft = MainPath.ToDictionary(s => s, _ => 0);

        public void Add(string state, DateTime enteredAt, DateTime leftAt)
        {
            if (leftAt < now - History || !days.TryGetValue(state, out var stays))
            {
                return;
            }

            stays.Add((leftAt - enteredAt).TotalDays);
            if (leftAt >= now - Pace)
            {
                recentlyLeft[state]++;
            }
        }

        public IReadOnlyDictionary<string, StageStatistics> Result()
        {
            var result = new Dictionary<string, StageStatistics>();
            foreach (var state in MainPath)
            {
                var sorted = days[state];
                sorted.Sort();
                result[state] = Stage(state, sorted.Count, recentlyLeft[state], Quantile(sorted, 0.1), Quantile(sorted, 0.5), Quantile(sorted, 0.9));
            }

            return result;
        }
    }

    /// <summary>
    /// One step's statistics from its stays of the last 90 days (how many, how many left in the last 28 days, and the
    /// 10th, 50th and 90th percentile in days, interpolated between the two nearest stays), or from its norm when there
    /// are fewer than <see cref="MinimumSamples"/> stays (the percentiles are then not used).
    /// </summary>
    public static StageStatistics Stage(string state, int samples, int recentlyLeft, double p10, double p50, double p90)
    {
        var leftPerDay = recentlyLeft / Pace.TotalDays;
        var norm = NormDays[state];
        return samples >= MinimumSamples
            ? new StageStatistics(p10, p50, p90, leftPerDay, samples)
            : new StageStatistics(norm * NormLow, norm, norm * NormHigh, leftPerDay, samples);
    }

    /// <summary>The q-th quantile of sorted stays, interpolated; 0 without stays (<see cref="Stage"/> then uses the norm).</summary>
    private static double Quantile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var position = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    private static DateOnly Day(DateTimeOffset now, double days) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now.AddDays(Math.Ceiling(days)), Common.AmsterdamTime.Zone).DateTime);
}
