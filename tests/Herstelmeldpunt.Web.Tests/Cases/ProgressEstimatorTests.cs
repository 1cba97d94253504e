using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Cases;

/// <summary>The estimator on seeded histories whose right answer is known, on a real SQLite database.</summary>
public sealed class ProgressEstimatorTests
{
    private static readonly DateTimeOffset Now = AppFactory.DefaultNow; // Monday 23 November 2026, 10:30 in Amsterdam (the app's clock)
    private static readonly DateOnly Today = new(2026, 11, 23);

    private sealed class History(AppDbContext db)
    {
        /// <summary>A case that entered screening <paramref name="enteredDaysAgo"/> and left after <paramref name="stayedDays"/>.</summary>
        public void Left(double enteredDaysAgo, double stayedDays)
        {
            var id = Add(UrgencyLevel.Normal, "with_committee", Now.AddDays(-enteredDaysAgo + stayedDays));
            Journal(id, 1, null, "screening", Now.AddDays(-enteredDaysAgo));
            Journal(id, 2, "screening", "with_committee", Now.AddDays(-enteredDaysAgo + stayedDays));
        }

        /// <summary>A case still in screening since <paramref name="enteredDaysAgo"/>.</summary>
        public WorkflowInstance Waiting(UrgencyLevel urgency, double enteredDaysAgo, string state = "screening")
        {
            var id = Add(urgency, state, Now.AddDays(-enteredDaysAgo));
            Journal(id, 1, null, state, Now.AddDays(-enteredDaysAgo));
            return db.WorkflowInstances.Local.Single(i => i.Id == id);
        }

        private Guid Add(UrgencyLevel urgency, string state, DateTimeOffset entered)
        {
            var id = Guid.NewGuid();
            db.Reports.Add(new Report
            {
                Id = id,
                ReferenceNumber = ReferenceNumber.NewNumber(),
                IdempotencyKey = Guid.NewGuid(),
                ReceivedAt = entered.UtcDateTime,
                Urgency = urgency,
                FullName = "x",
                Bsn = "111222333",
                Description = "x",
                ConsentGivenAt = entered.UtcDateTime,
            });
            db.WorkflowInstances.Add(new WorkflowInstance
            {
                Id = id,
                DefinitionId = "herstelmelding",
                DefinitionVersion = 3,
                State = state,
                Version = 1,
                StartedAt = entered.UtcDateTime,
                StateEnteredAt = entered.UtcDateTime,
            });
            return id;
        }

        private void Journal(Guid id, int sequence, string? from, string to, DateTimeOffset at) => db.WorkflowJournal.Add(new WorkflowJournalEntry
        {
            Id = Guid.NewGuid(),
            InstanceId = id,
            Sequence = sequence,
            At = at.UtcDateTime,
            ActorName = "seed",
            Transition = sequence == 1 ? "start" : "route_to_committee",
            FromState = from,
            ToState = to,
            DefinitionId = "herstelmelding",
            DefinitionVersion = 3,
        });
    }

    private static async Task<ProgressEstimate?> EstimateAsync(Action<History> seed, Func<History, WorkflowInstance> subject, UrgencyLevel urgency = UrgencyLevel.Normal)
    {
        await using var app = new SqliteAppFactory();
        await using var db = app.CreateDbContext();
        var history = new History(db);
        seed(history);
        var instance = subject(history);
        await db.SaveChangesAsync();
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProgressEstimator>().EstimateAsync(instance, urgency, CancellationToken.None);
    }

    [Fact]
    public async Task With_history_the_next_step_is_the_typical_stay_less_the_time_already_spent_and_later_steps_add_their_norms()
    {
        // 30 cases stayed exactly 10 days, all more than 28 days ago (no recent pace, nobody ahead).
        var estimate = await EstimateAsync(h =>
        {
            for (var i = 0; i < 30; i++)
            {
                h.Left(enteredDaysAgo: 45 + i, stayedDays: 10);
            }
        }, h => h.Waiting(UrgencyLevel.Normal, enteredDaysAgo: 3));

        Assert.NotNull(estimate);
        Assert.Equal(new DateRange(Today.AddDays(7), Today.AddDays(7)), estimate.NextStep);
        // Then the norms of the five later steps: quartiles 0.75 and 1.5 × (42 + 5 + 14 + 10 + 5 = 76) days.
        Assert.Equal(new DateRange(Today.AddDays(7 + 57), Today.AddDays(7 + 114)), estimate.Decision);
    }

    [Fact]
    public async Task The_cases_ahead_in_the_queue_push_the_date_back_at_the_pace_of_the_last_four_weeks()
    {
        var estimate = await EstimateAsync(h =>
        {
            // 56 left screening in the last 28 days (2 a day), each after 10 days.
            for (var i = 0; i < 56; i++)
            {
                h.Left(enteredDaysAgo: 10 + (i * 0.45), stayedDays: 10);
            }

            for (var i = 0; i < 40; i++)
            {
                h.Waiting(UrgencyLevel.Normal, enteredDaysAgo: 5 + i); // as urgent, waiting longer: ahead
            }

            for (var i = 0; i < 5; i++)
            {
                h.Waiting(UrgencyLevel.Acute, enteredDaysAgo: 1); // more urgent, though newer: ahead
            }

            for (var i = 0; i < 10; i++)
            {
                h.Waiting(UrgencyLevel.Normal, enteredDaysAgo: 1); // newer and as urgent: behind
            }
        }, h => h.Waiting(UrgencyLevel.Normal, enteredDaysAgo: 3));

        // 45 ahead at 2 a day = 22.5 days; the range is 0.75 to 1.25 times that (16.9 → 17, 28.1 → 29).
        Assert.Equal(new DateRange(Today.AddDays(17), Today.AddDays(29)), estimate!.NextStep);
    }

    [Fact]
    public async Task Without_enough_history_a_step_uses_its_norm()
    {
        var estimate = await EstimateAsync(h =>
        {
            for (var i = 0; i < ProgressEstimator.MinimumSamples - 1; i++)
            {
                h.Left(enteredDaysAgo: 40, stayedDays: 1);
            }
        }, h => h.Waiting(UrgencyLevel.Normal, enteredDaysAgo: 0));

        // Screening's norm is 7 days: 5.25 to 10.5 → 6 to 11 days from now.
        Assert.Equal(new DateRange(Today.AddDays(6), Today.AddDays(11)), estimate!.NextStep);
    }

    [Fact]
    public async Task A_decided_or_closed_case_gets_no_estimate()
    {
        Assert.Null(await EstimateAsync(_ => { }, h => h.Waiting(UrgencyLevel.Normal, 3, state: "decision_final")));
        Assert.Null(await EstimateAsync(_ => { }, h => h.Waiting(UrgencyLevel.Normal, 3, state: "withdrawn")));
    }
}
