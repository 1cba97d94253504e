using System.Diagnostics;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>Dashboard response time on N seeded reports.</summary>
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
            var figures = await new Dashboard(db, catalog, TimeProvider.System, new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()), new DashboardOptions { CacheSeconds = 0 }).FiguresAsync(period, CancellationToken.None);
            watch.Stop();
            if (run >= 2)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds); // the first two warm up connections and plans
            }

            if (run == 0)
            {
                Console.WriteLine($"Period {period.From}..{period.To}: {figures.Received:N0} received, {figures.Ageing.Sum(a => a.Value):N0} open");
            }
        }

        timings.Sort();
        Console.WriteLine($"Dashboard figures, {timings.Count} runs: median {timings[timings.Count / 2]:N0} ms, p90 {timings[(int)(timings.Count * 0.9)]:N0} ms, max {timings[^1]:N0} ms");
    }
}
