using System.Diagnostics;
using System.Globalization;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// The daily estimate watch (every open case's expected decision date, a mail when it moved more than a week) on the
/// seeded database, run in this process as a Hangfire worker of the node runs it: the first run, which remembers
/// every open case's first estimate, and the next day's, when little moved. Time and the managed heap's peak.
/// </summary>
internal static class EstimateWatchRun
{
    public static async Task<IReadOnlyList<NationalBenchmark.Figure>> RunAsync(BenchDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        services.AddScoped<AppDbContext>(_ => database.NewContext());
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<ProgressSnapshots>();
        await using var provider = services.BuildServiceProvider();
        var templates = EmailTemplates.Load();
        var letters = LetterTemplates.Load();
        var open = await database.ScalarAsync<long>("""SELECT COUNT(*) FROM "WorkflowInstances" WHERE "State" IN ('screening','awaiting_information','with_committee','advice_review','awaiting_decision','decision_proposed','decision_discussed')""");
        var figures = new List<NationalBenchmark.Figure>();
        foreach (var run in new[] { "first run (every open case's first estimate remembered)", "next run (the estimates known)" })
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var clock = TimeProvider.System;
            var urls = new PublicUrls(new EmailOptions { PublicBaseUrl = "https://herstelmeldpunt.example" }, new HttpContextAccessor());
            var contact = new ReportingPointContact();
            var calendar = new Herstelmeldpunt.Web.Common.WorkingDayCalendar(new Herstelmeldpunt.Web.Common.CalendarOptions());
            var messages = new ReporterMessages(db, clock, templates, new ReporterAccessOptions(), contact, urls, new ReporterLetters(db, clock, letters, contact, urls), new Herstelmeldpunt.Web.Cases.Promises.PromiseLedger(db, clock, calendar));
            var job = new EstimateWatch(db, new ProgressEstimator(provider.GetRequiredService<ProgressSnapshots>(), clock), messages, calendar, clock, NullLogger<EstimateWatch>.Instance);

            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = baseline;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                    await Task.Delay(20, CancellationToken.None);
                }
            });
            var watch = Stopwatch.StartNew();
            var told = await job.RunAsync(CancellationToken.None);
            watch.Stop();
            await sampling.CancelAsync();
            await sampler;
            figures.Add(new NationalBenchmark.Figure(
                $"estimate watch (daily), {run}",
                string.Create(CultureInfo.InvariantCulture, $"{open:N0} open cases in {watch.Elapsed.TotalSeconds:0.0} s; heap peak +{(peak - baseline) / 1_048_576.0:0} MB; {told} told"),
                "–",
                null));
        }

        return figures;
    }
}
