using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Cases.Terms;

/// <summary>The queue counts the estimates use (issue "national scale").</summary>
public sealed class ProgressSnapshotTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    private static ProgressSnapshot Snapshot(params ProgressSnapshot.QueueDay[] queue) =>
        new(AppFactory.DefaultNow.UtcDateTime, new Dictionary<string, StageStatistics>(), queue);

    [Fact]
    public void Ahead_are_the_more_urgent_the_as_urgent_of_earlier_days_and_half_of_the_same_day_but_itself()
    {
        var snapshot = Snapshot(
            new("screening", UrgencyLevel.Normal, Day.AddDays(-3), 4),
            new("screening", UrgencyLevel.Normal, Day.AddDays(-1), 2),
            new("screening", UrgencyLevel.Normal, Day, 7), // itself and 6 others: 3 of them ahead
            new("screening", UrgencyLevel.Normal, Day.AddDays(1), 50), // later: behind
            new("screening", UrgencyLevel.High, Day.AddDays(2), 5), // more urgent, though later: ahead
            new("screening", UrgencyLevel.Acute, Day.AddDays(-9), 1),
            new("with_committee", UrgencyLevel.Acute, Day.AddDays(-9), 100)); // another step

        Assert.Equal(4 + 2 + 3 + 5 + 1, snapshot.Ahead("screening", UrgencyLevel.Normal, Day.ToDateTime(new TimeOnly(14, 0))));
        Assert.Equal(1 + 2, snapshot.Ahead("screening", UrgencyLevel.High, Day.AddDays(2).ToDateTime(TimeOnly.MinValue))); // the acute one, and 2 of its own day's other 4
        Assert.Equal(0, snapshot.Ahead("screening", UrgencyLevel.Acute, Day.AddDays(-9).ToDateTime(TimeOnly.MinValue)));
    }

    [Fact]
    public void A_day_between_the_counted_days_has_everything_before_it_ahead_and_after_the_last_day_everything()
    {
        var snapshot = Snapshot(
            new("advice_review", UrgencyLevel.Normal, Day.AddDays(-5), 3),
            new("advice_review", UrgencyLevel.Normal, Day.AddDays(5), 8));

        Assert.Equal(0, snapshot.Ahead("advice_review", UrgencyLevel.Normal, Day.AddDays(-6).ToDateTime(TimeOnly.MinValue)));
        Assert.Equal(3, snapshot.Ahead("advice_review", UrgencyLevel.Normal, Day.ToDateTime(TimeOnly.MinValue)));
        Assert.Equal(11, snapshot.Ahead("advice_review", UrgencyLevel.Normal, Day.AddDays(9).ToDateTime(TimeOnly.MinValue)));
        Assert.Equal(0, snapshot.Ahead("screening", UrgencyLevel.Normal, Day.ToDateTime(TimeOnly.MinValue)));
    }
}

/// <summary>How the node keeps its snapshot, on each database (the queue is grouped by day in SQL).</summary>
public abstract class ProgressSnapshotsTests
{
    protected abstract AppFactory NewApp();

    [Fact]
    public async Task A_view_gets_the_snapshot_it_has_and_after_ten_minutes_a_new_one_is_computed_behind_it()
    {
        await using var app = NewApp();
        var snapshots = app.Services.GetRequiredService<ProgressSnapshots>();
        var first = await snapshots.CurrentAsync(CancellationToken.None);
        Assert.Equal(0, first.Ahead("screening", UrgencyLevel.Normal, AppFactory.DefaultNow.UtcDateTime));

        await AddWaitingAsync(app, UrgencyLevel.Acute, enteredDaysAgo: 1);
        await AddWaitingAsync(app, UrgencyLevel.Normal, enteredDaysAgo: 2);
        Assert.Same(first, await snapshots.CurrentAsync(CancellationToken.None)); // within ten minutes: the same figures

        app.Clock.Advance(ProgressSnapshots.RefreshAfter);
        Assert.Same(first, await snapshots.CurrentAsync(CancellationToken.None)); // the view does not wait for the new ones
        var waited = System.Diagnostics.Stopwatch.StartNew(); // real time: the background work runs on the thread pool
        ProgressSnapshot next;
        while ((next = await snapshots.CurrentAsync(CancellationToken.None)) == first && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        Assert.NotSame(first, next);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, next.ComputedAt);
        Assert.Equal(2, next.Ahead("screening", UrgencyLevel.Normal, AppFactory.DefaultNow.UtcDateTime)); // the acute one, and the normal one of two days ago
        Assert.Equal(1, next.Ahead("screening", UrgencyLevel.Normal, AppFactory.DefaultNow.UtcDateTime.AddDays(-3))); // the acute one only
        Assert.Equal(0, next.Ahead("screening", UrgencyLevel.Acute, AppFactory.DefaultNow.UtcDateTime.AddDays(-3)));
    }

    [Fact]
    public async Task The_stay_statistics_equal_the_tally_of_every_stay_of_the_last_ninety_days()
    {
        await using var app = NewApp();
        var now = AppFactory.DefaultNow;
        var random = new Random(20261207);
        var stays = new List<ProgressEstimator.Stay>();
        await using (var db = app.CreateDbContext())
        {
            // Every step but the last gets many stays (some ended before the 90 days, some in the last 28); the last
            // gets fewer than the minimum, so it keeps its norm. Whole minutes, as the journal keeps them.
            var history = new StayHistory(db, now);
            foreach (var (state, count) in ProgressEstimator.MainPath.Select((state, index) => (state, index == ProgressEstimator.MainPath.Count - 1 ? ProgressEstimator.MinimumSamples - 1 : 40 + (index * 7))))
            {
                for (var n = 0; n < count; n++)
                {
                    var enteredDaysAgo = random.Next(1, 180 * 24 * 60) / 1440.0;
                    var stayedDays = Math.Min(enteredDaysAgo, random.Next(1, 60 * 24 * 60) / 1440.0);
                    history.Left(enteredDaysAgo, stayedDays, state, "closed");
                    stays.Add(new ProgressEstimator.Stay(state, now.AddDays(-enteredDaysAgo).UtcDateTime, now.AddDays(-enteredDaysAgo + stayedDays).UtcDateTime));
                }
            }

            await db.SaveChangesAsync();
        }

        var computed = (await app.Services.GetRequiredService<ProgressSnapshots>().Kept.ComputeAndStoreAsync(CancellationToken.None)).Figures.Statistics;
        var tallied = ProgressEstimator.Statistics(stays, now.UtcDateTime);
        Assert.Equal(tallied.Keys.Order(StringComparer.Ordinal), computed.Keys.Order(StringComparer.Ordinal));
        foreach (var (state, expected) in tallied)
        {
            var actual = computed[state];
            Assert.Equal(expected.Samples, actual.Samples);
            Assert.Equal(expected.LeftPerDay, actual.LeftPerDay, 12);
            Assert.Equal(expected.P25, actual.P25, 9);
            Assert.Equal(expected.P50, actual.P50, 9);
            Assert.Equal(expected.P75, actual.P75, 9);
        }

        Assert.Contains(tallied.Values, s => s.Samples < ProgressEstimator.MinimumSamples);
        Assert.All(tallied.Values, s => Assert.True(s.LeftPerDay > 0)); // every step had stays in the last 28 days
    }

    private static async Task AddWaitingAsync(AppFactory app, UrgencyLevel urgency, int enteredDaysAgo)
    {
        await using var db = app.CreateDbContext();
        var id = Guid.NewGuid();
        var at = AppFactory.DefaultNow.UtcDateTime.AddDays(-enteredDaysAgo);
        db.Reports.Add(new Report
        {
            Id = id,
            ReferenceNumber = ReferenceNumber.NewNumber(),
            IdempotencyKey = Guid.NewGuid(),
            ReceivedAt = at,
            Urgency = urgency,
            FullName = "x",
            Bsn = "111222333",
            Description = "x",
            ConsentGivenAt = at,
        });
        db.WorkflowInstances.Add(new WorkflowInstance
        {
            Id = id,
            DefinitionId = "herstelmelding",
            DefinitionVersion = 3,
            State = "screening",
            Version = 1,
            StartedAt = at,
            StateEnteredAt = at,
        });
        await db.SaveChangesAsync();
    }
}

public sealed class ProgressSnapshotsTestsOnSqlite : ProgressSnapshotsTests
{
    protected override AppFactory NewApp() => new SqliteAppFactory();
}

public sealed class ProgressSnapshotsTestsOnPostgres : ProgressSnapshotsTests
{
    protected override AppFactory NewApp() => new PostgresAppFactory();
}
