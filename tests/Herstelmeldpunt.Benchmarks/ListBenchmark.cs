using System.Diagnostics;
using System.Globalization;
using Herstelmeldpunt.Web.Cases.Lists;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Http;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// The case list and the worklists on N seeded reports: the queries the pages run (<see cref="CaseLists"/>),
/// 12 runs each after 2 warm-up runs, p50 and p95 in ms. The page's own rendering is not included.
/// </summary>
public static class ListBenchmark
{
    public static async Task RunAsync(BenchDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        await HistorySeed.SeedAsync(database, count);
        var catalog = WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), CaseVocabulary.Create());
        HashSet<string> Roles(params string[] roles) => [.. roles];
        var cases = new (string Name, Func<AppDbContext, IReadOnlyList<IQueryable<QueueEntry>>> Query, string Filter)[]
        {
            ("case list, first page", db => [CaseLists.Entries(db)], ""),
            ("case list, step with_committee", db => [CaseLists.Entries(db)], "stap=with_committee"),
            ("case list, acute only", db => [CaseLists.Entries(db)], "urgentie=Acute"),
            ("case list, received last week", db => [CaseLists.Entries(db)], "van=" + DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("case list, only overdue", db => [CaseLists.Entries(db)], "verlopen=ja"),
            ("case list, search by name (one person)", db => [CaseLists.Entries(db)], "zoek=visser%20123453"),
            ("case list, search by a common surname", db => [CaseLists.Entries(db)], "zoek=bakker"),
            ("worklist intake", db => CaseLists.Worklist(db, catalog, Roles(StaffRoles.IntakeStaff), "nobody"), ""),
            ("worklist committee chair", db => CaseLists.Worklist(db, catalog, Roles(StaffRoles.CommitteeChair), "nobody"), ""),
            ("worklist committee member (own cases)", db => CaseLists.Worklist(db, catalog, Roles(StaffRoles.CommitteeMember), "nobody"), ""),
            ("worklist SMZ decision maker", db => CaseLists.Worklist(db, catalog, Roles(StaffRoles.SmzDecisionMaker), "nobody"), ""),
            ("worklist customer contact", db => CaseLists.Worklist(db, catalog, Roles(StaffRoles.CustomerContact), "nobody"), ""),
            ("worklist manager (step + overdue)", db => CaseLists.Worklist(db, catalog, Roles(StaffRoles.Manager), "nobody"), ""),
            ("worklist manager, only overdue", db => CaseLists.Worklist(db, catalog, Roles(StaffRoles.Manager), "nobody"), "verlopen=ja"),
        };

        Console.WriteLine($"| list ({count:N0} reports) | first page p50 | p95 | second page p50 | p95 |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, query, filterText) in cases)
        {
            var filter = CaseFilter.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filterText)));
            string? second = null;
            var first = await TimeAsync(async db =>
            {
                var (_, next) = await CaseLists.PageAsync(db, [.. query(db).Select(part => CaseLists.Filter(db, part, filter, "nobody", _ => { }))], null, 50, CancellationToken.None);
                second = next;
            });
            var next = second is null ? (double.NaN, double.NaN) : await TimeAsync(async db =>
                await CaseLists.PageAsync(db, [.. query(db).Select(part => CaseLists.Filter(db, part, filter, "nobody", _ => { }))], second, 50, CancellationToken.None));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {first.P50:0.0} | {first.P95:0.0} | {next.Item1:0.0} | {next.Item2:0.0} |"));
        }

        async Task<(double P50, double P95)> TimeAsync(Func<AppDbContext, Task> run)
        {
            var timings = new List<double>();
            for (var i = 0; i < 14; i++)
            {
                await using var db = database.NewContext();
                var watch = Stopwatch.StartNew();
                await run(db);
                if (i >= 2)
                {
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            timings.Sort();
            return (timings[timings.Count / 2], timings[(int)Math.Ceiling(timings.Count * 0.95) - 1]);
        }
    }
}
