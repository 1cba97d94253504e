using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>The dashboard's one-minute snapshot: the same figures within the minute (and the page says when they were computed), then the minute-old ones while fresh ones are computed in the background, and figures computed before they are shown once they are more than five minutes old.</summary>
public sealed class DashboardCacheTests : IClassFixture<SqliteAppFactory>
{
    private readonly SqliteAppFactory app;

    public DashboardCacheTests(SqliteAppFactory app)
    {
        this.app = app;
        app.Settings["Dashboard:CacheSeconds"] = "60";
    }

    private async Task<DashboardSnapshot> SnapshotAsync(Period period)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Dashboard>().SnapshotAsync(period, CancellationToken.None);
    }

    [Fact]
    public async Task Figures_are_computed_at_most_once_a_minute_per_period_and_the_page_says_when()
    {
        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var period = new Period(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        var first = await SnapshotAsync(period);

        await app.FileReportAsync(TestBsn.Next());
        var withinTheMinute = await SnapshotAsync(period);
        Assert.Equal(first.Figures.Received, withinTheMinute.Figures.Received);
        Assert.Equal(first.ComputedAt, withinTheMinute.ComputedAt);
        var page = await manager.Client.GetPageAsync("/backoffice/dashboard?van=2026-11-01&tot=2026-11-30");
        var dutch = TimeZoneInfo.ConvertTimeFromUtc(first.ComputedAt, Herstelmeldpunt.Web.Common.AmsterdamTime.Zone).ToString("dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(dutch, page.Document.QuerySelector("[data-testid=computed-at]")!.TextContent, StringComparison.Ordinal);

        // A minute later: the minute-old figures at once, fresh ones computed in the background for the next view.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var stale = await SnapshotAsync(period);
        Assert.Equal(first.ComputedAt, stale.ComputedAt);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var later = stale;
        while (later.ComputedAt == first.ComputedAt && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            later = await SnapshotAsync(period);
        }

        Assert.Equal(first.Figures.Received + 1, later.Figures.Received);
        Assert.True(later.ComputedAt > first.ComputedAt);
    }

    [Fact]
    public async Task Figures_older_than_five_minutes_are_computed_before_they_are_shown()
    {
        var period = new Period(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));
        var first = await SnapshotAsync(period);
        await app.FileReportAsync(TestBsn.Next());

        app.Clock.Advance(TimeSpan.FromSeconds((60 * Dashboard.StaleViews) + 1));
        var later = await SnapshotAsync(period);

        Assert.Equal(first.Figures.Received + 1, later.Figures.Received);
        Assert.True(later.ComputedAt > first.ComputedAt);
    }
}
