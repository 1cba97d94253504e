using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>
/// The figures computed behind the pages (issue "budgets raised"): the job <c>figures</c> stores them, the pages show
/// the stored ones and say when they were computed, no view computes them once any are stored, and a node computes new
/// ones behind the views when the job has not run for ten minutes.
/// </summary>
public sealed class KeptFiguresTests
{
    private static SqliteAppFactory NewApp()
    {
        var app = new SqliteAppFactory();
        app.Settings["Figures:ComputeOnEveryView"] = "false";
        return app;
    }

    private static async Task<DashboardSnapshot> SnapshotAsync(SqliteAppFactory app, Period period)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Dashboard>().SnapshotAsync(period, CancellationToken.None);
    }

    private static async Task RunJobAsync(SqliteAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FiguresJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_job_stores_every_set_and_the_dashboard_shows_the_stored_figures_until_the_next_run()
    {
        await using var app = NewApp();
        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var period = new Period(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        await app.FileReportAsync(TestBsn.Next());
        await RunJobAsync(app);
        var stored = await app.WithDbAsync(db => db.Set<StoredFigures>().AsNoTracking().ToListAsync());
        Assert.Equal(["dashboard-days", "dashboard-now", "progress", "public-progress", "register"], stored.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(stored, s => Assert.Equal(AppFactory.DefaultNow.UtcDateTime, s.ComputedAt));

        var first = await SnapshotAsync(app, period);
        Assert.Equal(AppFactory.DefaultNow.UtcDateTime, first.ComputedAt);
        await app.FileReportAsync(TestBsn.Next());
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var later = await SnapshotAsync(app, period);
        Assert.Equal(first.Figures.Received, later.Figures.Received); // the stored figures, not a count on the view
        Assert.Equal(first.ComputedAt, later.ComputedAt);
        var page = await manager.Client.GetPageAsync("/backoffice/dashboard?van=2026-11-01&tot=2026-11-30");
        var dutch = TimeZoneInfo.ConvertTimeFromUtc(first.ComputedAt, Herstelmeldpunt.Web.Common.AmsterdamTime.Zone).ToString("dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(dutch, page.Document.QuerySelector("[data-testid=computed-at]")!.TextContent, StringComparison.Ordinal);

        await RunJobAsync(app); // the job's run on this node replaces the node's figures at once
        var next = await SnapshotAsync(app, period);
        Assert.Equal(first.Figures.Received + 1, next.Figures.Received);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, next.ComputedAt);
    }

    [Fact]
    public async Task A_run_right_after_another_leaves_the_fresh_sets_as_stored_and_a_run_after_two_minutes_computes_them()
    {
        await using var app = NewApp();
        await RunJobAsync(app);
        var first = await app.WithDbAsync(db => db.Set<StoredFigures>().AsNoTracking().ToDictionaryAsync(s => s.Name, s => (s.ComputedAt, s.Json)));
        await app.FileReportAsync(TestBsn.Next());

        app.Clock.Advance(TimeSpan.FromSeconds(100)); // the run of a stopped node, re-run by the next one
        await RunJobAsync(app);
        var again = await app.WithDbAsync(db => db.Set<StoredFigures>().AsNoTracking().ToDictionaryAsync(s => s.Name, s => (s.ComputedAt, s.Json)));
        Assert.Equal(first, again);

        app.Clock.Advance(TimeSpan.FromSeconds(20)); // two minutes after the stored sets
        await RunJobAsync(app);
        var next = await app.WithDbAsync(db => db.Set<StoredFigures>().AsNoTracking().ToListAsync());
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), next.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(next, s => Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, s.ComputedAt));
        Assert.NotEqual(first[DashboardDays.Name].Json, next.Single(s => s.Name == DashboardDays.Name).Json); // the new report is counted
    }

    [Fact]
    public async Task When_the_job_has_not_run_for_ten_minutes_a_node_computes_new_figures_behind_the_views()
    {
        await using var app = NewApp();
        var period = new Period(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        await RunJobAsync(app);
        var first = await SnapshotAsync(app, period);
        await app.FileReportAsync(TestBsn.Next());

        app.Clock.Advance(TimeSpan.FromMinutes(10) + KeptFigures<DashboardDays>.CheckEvery);
        var stale = await SnapshotAsync(app, period);
        Assert.Equal(first.ComputedAt, stale.ComputedAt); // the view does not wait
        var watch = System.Diagnostics.Stopwatch.StartNew(); // real time: the computation runs on the thread pool
        var fresh = stale;
        // Both kept sets (the days and the figures of now) are computed anew, each behind the views; the snapshot is as
        // old as the older of the two, so wait for both.
        while ((fresh.Figures.Received == first.Figures.Received || fresh.ComputedAt <= first.ComputedAt) && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
            fresh = await SnapshotAsync(app, period);
        }

        Assert.Equal(first.Figures.Received + 1, fresh.Figures.Received);
        Assert.True(fresh.ComputedAt > first.ComputedAt);
        var storedAt = await app.WithDbAsync(db => db.Set<StoredFigures>().Where(s => s.Name == DashboardDays.Name).Select(s => s.ComputedAt).SingleAsync());
        Assert.Equal(fresh.ComputedAt, storedAt); // and stored for the other nodes
    }

    [Fact]
    public async Task The_register_overview_and_the_letters_show_the_kept_counts_and_an_import_counts_them_again()
    {
        await using var app = NewApp();
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        await RunJobAsync(app);
        var before = await admin.Client.GetPageAsync("/backoffice/doelgroep");
        Assert.NotNull(before.Document.QuerySelector("[data-testid=counted-at]"));
        string Members(HtmlPage page) => page.Document.QuerySelectorAll("[data-testid=register-counts] dd")[0].TextContent.Trim();
        var members = int.Parse(Members(before), System.Globalization.CultureInfo.InvariantCulture);
        async Task<int> WithoutAddressAsync()
        {
            var letters = await admin.Client.GetPageAsync("/backoffice/doelgroep/brieven");
            Assert.NotNull(letters.Document.QuerySelector("[data-testid=counted-at]"));
            var text = letters.Document.QuerySelector("[data-testid=without-address]")?.TextContent;
            return text is null ? 0 : int.Parse(System.Text.RegularExpressions.Regex.Match(text, "[0-9]+").Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var withoutAddress = await WithoutAddressAsync();

        await app.WithDbAsync(async db =>
        {
            db.TargetGroupMembers.Add(new Herstelmeldpunt.Web.TargetGroup.TargetGroupMember { Id = Guid.NewGuid(), Bsn = TestBsn.Next(), FullName = "Lid", ReassessmentDate = new DateOnly(2020, 1, 1), Team = "T", ImportedAt = app.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(members, int.Parse(Members(await admin.Client.GetPageAsync("/backoffice/doelgroep")), System.Globalization.CultureInfo.InvariantCulture)); // kept, not counted per view
        Assert.Equal(withoutAddress, await WithoutAddressAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KeptFigures<Herstelmeldpunt.Web.TargetGroup.RegisterCounts>>().ComputeAndStoreAsync(CancellationToken.None); // what an import does
        }

        Assert.Equal(members + 1, int.Parse(Members(await admin.Client.GetPageAsync("/backoffice/doelgroep")), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(withoutAddress + 1, await WithoutAddressAsync()); // the new member has no address
    }
}
