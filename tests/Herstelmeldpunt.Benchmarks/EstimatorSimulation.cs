using Herstelmeldpunt.Web.Cases.Terms;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// The estimator's error on a simulated history (no database): reports arrive every day (70/25/5%
/// normal/high/acute), each step serves a fixed number a day in urgency-then-age order after a minimum
/// stay, with the capacities changing halfway. On a given day every open report gets its estimate, the
/// run continues, and each estimate is compared with the day the decision was really taken.
/// </summary>
public static class EstimatorSimulation
{
    private sealed class Case
    {
        public int Urgency { get; init; }

        public int Step { get; set; }

        public DateTime Entered { get; set; }

        public DateTime? Decided { get; set; }
    }

    public static void Run(int days, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var steps = ProgressEstimator.MainPath;
        // Per step: minimum days, capacity per day (before and after the change at day 2/3 of the run).
        var minimum = new[] { 2, 20, 2, 5, 4, 2 };
        var capacity = new[] { (42, 38), (39, 36), (45, 45), (43, 41), (45, 45), (46, 46) }; // the committee cannot keep up: a queue grows
        var cases = new List<Case>();
        var stays = new List<ProgressEstimator.Stay>();
        var measureDay = days / 2;
        var predictions = new List<(Case Case, DateRange Decision)>();
        for (var day = 0; day < days; day++)
        {
            var now = start.AddDays(day);
            if (day == measureDay)
            {
                var stats = ProgressEstimator.Statistics(stays, now);
                foreach (var group in cases.Where(c => c.Decided is null).GroupBy(c => c.Step))
                {
                    var queue = group.OrderByDescending(c => c.Urgency).ThenBy(c => c.Entered).ToList();
                    for (var rank = 0; rank < queue.Count; rank++)
                    {
                        predictions.Add((queue[rank], ProgressEstimator.Estimate(steps[group.Key], queue[rank].Entered, rank, stats, now).Decision));
                    }
                }
            }

            var arrivals = 35 + random.Next(0, 11); // 35-45 a day
            for (var i = 0; i < arrivals; i++)
            {
                var roll = random.NextDouble();
                cases.Add(new Case { Urgency = roll < 0.05 ? 3 : roll < 0.30 ? 2 : 1, Step = 0, Entered = now.AddHours(random.NextDouble() * 8) });
            }

            for (var step = steps.Count - 1; step >= 0; step--)
            {
                var (before, after) = capacity[step];
                var served = cases.Where(c => c.Decided is null && c.Step == step && (now - c.Entered).TotalDays >= minimum[step])
                    .OrderByDescending(c => c.Urgency).ThenBy(c => c.Entered).Take(day < days * 2 / 3 ? before : after).ToList();
                foreach (var c in served)
                {
                    var left = now.AddHours(8 + random.NextDouble() * 8);
                    stays.Add(new ProgressEstimator.Stay(steps[step], c.Entered, left));
                    if (step == steps.Count - 1)
                    {
                        c.Decided = left;
                    }
                    else
                    {
                        c.Step = step + 1;
                        c.Entered = left;
                    }
                }
            }
        }

        var known = predictions.Where(p => p.Case.Decided is not null).ToList();
        var errors = known.Select(p =>
        {
            var actual = DateOnly.FromDateTime(p.Case.Decided!.Value);
            var middle = p.Decision.From.DayNumber + ((p.Decision.To.DayNumber - p.Decision.From.DayNumber) / 2.0);
            return (Error: actual.DayNumber - middle, Inside: actual >= p.Decision.From && actual <= p.Decision.To, Width: p.Decision.To.DayNumber - p.Decision.From.DayNumber);
        }).ToList();
        var absolute = errors.Select(e => Math.Abs(e.Error)).Order().ToList();
        Console.WriteLine($"RESULT estimator: {predictions.Count:N0} open reports estimated on day {measureDay} of {days} (seed {seed}); {known.Count:N0} decided by the end. " +
            $"Decision date: mean absolute error {absolute.Average():N1} days, median {absolute[absolute.Count / 2]:N1}, p90 {absolute[(int)(absolute.Count * 0.9)]:N1}; " +
            $"mean signed error {errors.Average(e => e.Error):N1} days (positive: later than estimated); actual date inside the range shown: {errors.Count(e => e.Inside) * 100.0 / errors.Count:N0}%; mean range width {errors.Average(e => e.Width):N0} days");
    }
}
