using System.Net;
using System.Text;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>Every dashboard figure equals a direct count over the seeded rows, on each provider.</summary>
public abstract class DashboardTests<TFactory> : IAsyncLifetime
    where TFactory : AppFactory, new()
{
    private readonly TFactory app = new();
    private StaffSession manager = null!;

    public async Task InitializeAsync()
    {
        manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var members = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            members.Add((await StaffSession.CreateAccountAsync(app, [StaffRoles.CommitteeMember], displayName: $"Lid {i}")).Id);
        }

        await app.WithDbAsync(async db =>
        {
            await DashboardSeed.SeedAsync(db, AppFactory.DefaultNow.UtcDateTime, 400, members);
            return 0;
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<DashboardFigures> FiguresAsync(Period period)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Dashboard>().FiguresAsync(period, CancellationToken.None);
    }

    [Fact]
    public async Task Every_figure_equals_a_direct_count_over_the_data()
    {
        var period = new Period(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23));
        var figures = await FiguresAsync(period);

        // The direct counts: all rows in memory, counted with plain LINQ.
        var (reports, instances, journal, timers, calls, users) = await app.WithDbAsync(async db => (
            await db.Reports.AsNoTracking().ToListAsync(), await db.WorkflowInstances.AsNoTracking().ToListAsync(), await db.WorkflowJournal.AsNoTracking().ToListAsync(),
            await db.WorkflowTimers.AsNoTracking().ToListAsync(), await db.FollowUpCalls.AsNoTracking().ToListAsync(), await db.Users.AsNoTracking().ToListAsync()));
        var final = new[] { "closed", "withdrawn", "closed_outside_target_group" };
        var now = AppFactory.DefaultNow.UtcDateTime;
        var inPeriod = reports.Where(r => r.ReceivedAt >= period.FromUtc && r.ReceivedAt < period.ToUtcExclusive).ToList();
        Dictionary<string, int> Sorted(IEnumerable<Herstelmeldpunt.Web.Management.Count> counts) => counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);

        Assert.True(inPeriod.Count > 100, "the seed should put enough reports in the period");
        Assert.Equal(inPeriod.Count, figures.Received);
        Assert.Equal(inPeriod.Join(instances, r => r.Id, i => i.Id, (r, i) => i.State).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()), Sorted(figures.ByState));
        Assert.Equal(inPeriod.GroupBy(r => r.Urgency.ToString()).ToDictionary(g => g.Key, g => g.Count()), Sorted(figures.ByUrgency));
        Assert.Equal(inPeriod.GroupBy(r => r.Source.ToString()).ToDictionary(g => g.Key, g => g.Count()), Sorted(figures.BySource));
        Assert.Equal(inPeriod.Count, figures.Weeks.Sum(w => w.Received));
        Assert.Equal(journal.Count(j => j.At >= period.FromUtc && j.At < period.ToUtcExclusive && final.Contains(j.ToState) && !final.Contains(j.FromState)), figures.Weeks.Sum(w => w.Closed));

        var open = instances.Where(i => !final.Contains(i.State)).ToList();
        foreach (var (key, fromDays, toDays) in Dashboard.AgeingBuckets)
        {
            var expected = open.Count(i => (now - i.StateEnteredAt).TotalDays >= fromDays && (toDays is null || (now - i.StateEnteredAt).TotalDays < toDays + 1));
            Assert.Equal(expected, figures.Ageing.Single(a => a.Key == key).Value);
        }

        Assert.Equal(open.Count, figures.Ageing.Sum(a => a.Value));
        Assert.Equal(timers.Count(t => t.FiredAt != null && t.CancelledAt == null && instances.Any(i => i.Id == t.InstanceId && i.State == t.State)), figures.DeadlinesMissed);
        Assert.Equal(timers.Count(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt > now && t.DueAt <= now.AddDays(2)), figures.DeadlinesWithinTwoDays);
        Assert.Equal(
            instances.Where(i => i.State is "with_committee" or "advice_review" && i.AssigneeId != null).GroupBy(i => users.Single(u => u.Id == i.AssigneeId).DisplayName).ToDictionary(g => g.Key, g => g.Count()),
            Sorted(figures.CommitteeWorkload));

        var periodCalls = calls.Where(c => c.CalledAt >= period.FromUtc && c.CalledAt < period.ToUtcExclusive).ToList();
        Assert.Equal(periodCalls.Count, figures.Satisfaction.Calls);
        Assert.Equal(periodCalls.Count(c => c.Reached == true), figures.Satisfaction.Reached);
        Assert.Equal(periodCalls.Count(c => c.Reached == false), figures.Satisfaction.NotReached);
        Assert.Equal(periodCalls.Where(c => c.Satisfaction != null).GroupBy(c => c.Satisfaction!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count()), Sorted(figures.Satisfaction.Scores));
        Assert.Equal(periodCalls.Count(c => c.SatisfiedWithProvision == true), figures.Satisfaction.SatisfiedWithProvision);

        foreach (var stage in figures.Forecast)
        {
            Assert.Equal(open.Count(i => i.State == stage.State), stage.Queue);
            Assert.Equal(journal.Count(j => j.At >= now.AddDays(-28) && j.FromState == stage.State && j.ToState != stage.State), stage.LeftInLast28Days);
        }
    }

    [Fact]
    public async Task The_stored_days_give_every_period_the_figures_counted_for_that_period()
    {
        // What the job stores (every day, through JSON as the database keeps it) against the days of one period counted for it alone.
        var web = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Data.AppDbContext>();
        var final = scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Workflow.Definitions.WorkflowCatalog>().FinalStates;
        var stored = System.Text.Json.JsonSerializer.Deserialize<DashboardDays>(System.Text.Json.JsonSerializer.Serialize(await DashboardDays.ComputeAsync(db, final, null, CancellationToken.None), web), web)!;
        Assert.True(stored.Days.Count > 60);
        foreach (var period in new[] { new Period(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23)), new Period(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15)), new Period(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23)), new Period(new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31)) })
        {
            var counted = (await DashboardDays.ComputeAsync(db, final, period, CancellationToken.None)).For(period);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(counted, web), System.Text.Json.JsonSerializer.Serialize(stored.For(period), web));
            Assert.True(counted.Received > 0);
        }
    }

    [Fact]
    public async Task The_period_filter_changes_the_period_figures_only()
    {
        var wide = await FiguresAsync(new Period(new DateOnly(2026, 6, 1), new DateOnly(2026, 11, 23)));
        var narrow = await FiguresAsync(new Period(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15)));

        Assert.True(narrow.Received < wide.Received);
        Assert.Equal(wide.Ageing, narrow.Ageing); // a snapshot of now
        Assert.Equal(3, narrow.Weeks.Count); // weeks starting 26-10, 2-11 and 9-11
    }

    [Fact]
    public async Task The_page_shows_every_chart_with_its_table_and_the_exports_carry_no_personal_data()
    {
        var page = await manager.Client.GetPageAsync("/backoffice/dashboard?van=2026-09-01&tot=2026-11-23");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var figures = await FiguresAsync(new Period(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23)));
        Assert.Equal(figures.Received.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Document.QuerySelector("[data-testid=headline] dd[data-key=received]")!.TextContent);
        foreach (var chart in new[] { "state", "urgency", "source", "ageing", "intake", "closed", "workload", "satisfaction" })
        {
            var figure = page.Document.QuerySelector($"[data-testid=chart-{chart}]");
            Assert.NotNull(figure);
            Assert.NotNull(figure.QuerySelector("svg"));
            Assert.NotNull(figure.QuerySelector("table"));
        }

        using var cases = await manager.Client.GetAsync(new Uri("/backoffice/dashboard?handler=CasesCsv&van=2026-09-01&tot=2026-11-23", UriKind.Relative));
        var csv = Encoding.UTF8.GetString(await cases.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/csv", cases.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("\uFEFFreference;received;source;urgency;state", csv, StringComparison.Ordinal);
        Assert.Equal(figures.Received + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("111222333", csv, StringComparison.Ordinal);
        var names = await app.WithDbAsync(db => db.Reports.Select(r => r.FullName).Take(20).ToListAsync());
        Assert.All(names, n => Assert.DoesNotContain(n, csv, StringComparison.Ordinal));

        using var figuresCsv = await manager.Client.GetAsync(new Uri("/backoffice/dashboard?handler=FiguresCsv&van=2026-09-01&tot=2026-11-23", UriKind.Relative));
        var text = Encoding.UTF8.GetString(await figuresCsv.Content.ReadAsByteArrayAsync());
        Assert.Contains($"received;total;{figures.Received}", text, StringComparison.Ordinal);
        var exports = await app.WithDbAsync(db => db.AccessLog.Where(a => a.UserId == manager.Account.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains(Herstelmeldpunt.Web.Audit.AccessActions.CasesCsv, exports); // both downloads are in the access log
        Assert.Contains(Herstelmeldpunt.Web.Audit.AccessActions.FiguresCsv, exports);

        var urgent = await manager.Client.GetPageAsync("/backoffice/dashboard/urgent");
        var levels = urgent.Document.QuerySelectorAll("[data-testid=urgent] tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(100, levels.Count);
        Assert.Equal(levels.OrderBy(l => l switch { "Acuut" => 0, "Hoog" => 1, _ => 2 }), levels);
    }
}

public sealed class FullExportTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Fact]
    public async Task A_full_export_needs_a_reason_and_confirmation_and_is_logged_before_it_is_sent()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        await app.FileReportAsync("123456782", name: "Volledig Zichtbaar");
        var page = await admin.Client.GetPageAsync("/backoffice/beheer/export");

        var refused = await admin.Client.PostFormAsync(page, "/backoffice/beheer/export", new Dictionary<string, string?> { ["Reason"] = "" });
        Assert.Equal(["#Reason", "#Confirm"], refused.ErrorSummaryLinks);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == Herstelmeldpunt.Web.Audit.AuditActions.FullExport)));

        var fields = page.FormFields();
        fields.RemoveAll(f => f.Key is "Reason" or "Confirm");
        fields.Add(new("Reason", "Inzageverzoek van een melder"));
        fields.Add(new("Confirm", "true"));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await admin.Client.PostAsync(new Uri("/backoffice/beheer/export", UriKind.Relative), content);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("123456782", csv, StringComparison.Ordinal);
        Assert.Contains("Volledig Zichtbaar", csv, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == Herstelmeldpunt.Web.Audit.AuditActions.FullExport));
        Assert.Contains("Inzageverzoek van een melder", audit.Details, StringComparison.Ordinal);
        Assert.Equal(admin.Account.Id, audit.ActorUserId);
    }
}

public sealed class DashboardTestsOnSqlite : DashboardTests<SqliteAppFactory>;

public sealed class DashboardTestsOnPostgres : DashboardTests<PostgresAppFactory>;
