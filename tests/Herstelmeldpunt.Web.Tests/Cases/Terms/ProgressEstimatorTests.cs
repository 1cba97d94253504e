using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Cases.Terms;

/// <summary>The estimator on seeded histories whose right answer is known, on a real SQLite database.</summary>
public sealed class ProgressEstimatorTests
{
    private static readonly DateTimeOffset Now = AppFactory.DefaultNow; // Monday 23 November 2026, 10:30 in Amsterdam (the app's clock)
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static async Task<ProgressEstimate?> EstimateAsync(Action<StayHistory> seed, Func<StayHistory, WorkflowInstance> subject, UrgencyLevel urgency = UrgencyLevel.Normal)
    {
        await using var app = new SqliteAppFactory();
        await using var db = app.CreateDbContext();
        var history = new StayHistory(db, Now);
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
        // Then the norms of the five later steps: 0.75 and 1.5 × (20 + 3 + 4 + 3 + 2 = 32) days.
        Assert.Equal(new DateRange(Today.AddDays(7 + 24), Today.AddDays(7 + 48)), estimate.Decision);
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

        // Screening's norm is 4 days: 3 to 6 days from now.
        Assert.Equal(new DateRange(Today.AddDays(3), Today.AddDays(6)), estimate!.NextStep);
    }

    [Fact]
    public async Task A_decided_or_closed_case_gets_no_estimate()
    {
        Assert.Null(await EstimateAsync(_ => { }, h => h.Waiting(UrgencyLevel.Normal, 3, state: "decision_final")));
        Assert.Null(await EstimateAsync(_ => { }, h => h.Waiting(UrgencyLevel.Normal, 3, state: "withdrawn")));
    }

    [Fact]
    public void With_the_norms_alone_a_new_report_is_expected_within_the_legal_term()
    {
        // A fresh install: no history at all. Every step uses its norm, at most 1.5 times it.
        var statistics = ProgressEstimator.Statistics([], Now.UtcDateTime);
        var calendar = new Herstelmeldpunt.Web.Common.WorkingDayCalendar(new Herstelmeldpunt.Web.Common.CalendarOptions());
        var due = new DecisionTerm(calendar, new DecisionTermOptions()).Start(Guid.NewGuid(), Now.UtcDateTime).DueOn;

        foreach (var received in Enumerable.Range(0, 7).Select(d => Now.AddDays(d)))
        {
            var raw = ProgressEstimator.Estimate(CaseVocabulary.States.Screening, received.UtcDateTime, 0, statistics, received);
            var termOfThatDay = new DecisionTerm(calendar, new DecisionTermOptions()).Start(Guid.NewGuid(), received.UtcDateTime).DueOn;
            Assert.True(raw.Decision.To <= termOfThatDay, $"received {received:ddd d MMM}: expected until {raw.Decision.To}, the term ends {termOfThatDay}");
            Assert.Equal(DecisionOutlook.WithinTerm, ExpectedDecision.Reconcile(raw.Decision, termOfThatDay, calendar).Outlook);
        }

        Assert.Equal(new DateOnly(2027, 1, 18), due); // 40 working days after Monday 23 November 2026 (no holidays configured)
    }
}
