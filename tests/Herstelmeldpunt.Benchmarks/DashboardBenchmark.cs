using System.Diagnostics;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>What the job <c>figures</c> spends on the dashboard on N seeded reports: every day's figures and the figures of now.</summary>
public static class DashboardBenchmark
{
    public static async Task RunAsync(BenchDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        await HistorySeed.SeedAsync(database, count);

        var catalog = WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), CaseVocabulary.Create());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = new Period(new DateOnly(today.Year, today.Month, 1).AddMonths(-2), today);
        var timings = new List<double>();
        for (var run = 0; run < 12; run++)
        {
            await using var db = database.NewContext();
            var watch = Stopwatch.StartNew();
            var days = await DashboardDays.ComputeAsync(db, catalog.FinalStates, null, CancellationToken.None);
            // NowAsync(now) reads the database only; the kept sets are what the job fills, not needed here.
            var now = await new Dashboard(db, catalog, TimeProvider.System, new FiguresOptions(), null!, null!).NowAsync(DateTime.UtcNow, CancellationToken.None);
            var figures = days.For(period);
            watch.Stop();
            if (run >= 2)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds); // the first two warm up connections and plans
            }

            if (run == 0)
            {
                Console.WriteLine($"{days.Days.Count:N0} days; period {period.From}..{period.To}: {figures.Received:N0} received, {now.OpenCases:N0} open");
            }
        }

        timings.Sort();
        Console.WriteLine($"Dashboard's stored figures (every day and now), {timings.Count} runs: median {timings[timings.Count / 2]:N0} ms, p90 {timings[(int)(timings.Count * 0.9)]:N0} ms, max {timings[^1]:N0} ms");
    }
}
