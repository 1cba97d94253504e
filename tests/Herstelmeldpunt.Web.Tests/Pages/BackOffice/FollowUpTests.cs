using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>The follow-up satisfaction call (process v2): planned, due on the caller's worklist, retried, and its outcomes.</summary>
public abstract class FollowUpTests(AppFactory app) : CaseTestBase(app)
{

    /// <summary>A case carried from the public form to "provisions carried out"; returns its id.</summary>
    private async Task<Guid> CaseWithProvisionsCarriedOutAsync(bool withoutPhone = false)
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        if (withoutPhone)
        {
            await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Phone, (string?)null).SetProperty(r => r.PreferredChannel, Herstelmeldpunt.Web.Reports.ContactChannel.Email)));
        }

        await desk.DecideAsync(caseId, D(("adopts_advice", "yes")));
        Assert.True((await desk.Intake.TakeAsync(caseId, "provisions_carried_out", note: "Uitgevoerd.")).WasApplied());
        return caseId;
    }

    /// <summary>A case whose three follow-up calls did not reach the person: in "follow_up_letter".</summary>
    private async Task<Guid> CaseNotReachedByPhoneAsync()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();
        var contact = await StaffSession.CreateAccountAsync(App, [StaffRoles.CustomerContact]);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var call = (await CallsAsync(caseId))[^1];
            App.Clock.SetUtcNow(new DateTimeOffset(call.ScheduledFor, TimeSpan.Zero).AddMinutes(1));
            await App.FireDueTimersAsync();
            var session = await StaffSession.SignInAsync(App, contact);
            Assert.True((await session.TakeAsync(caseId, attempt < 3 ? "call_not_reached" : "call_not_reached_last", note: "Geen gehoor.")).WasApplied());
        }

        Assert.Equal("follow_up_letter", await App.StateAsync(caseId));
        return caseId;
    }

    [Fact]
    public async Task The_reporter_is_told_of_the_final_decision_and_of_closing_by_email()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Template == "decision_final")));

        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        Assert.True((await manager.TakeAsync(caseId, "abandon_follow_up", note: "Melder wil geen gesprek.")).WasApplied());
        var closing = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "case_closed"));
        Assert.Contains("afgerond", closing.Subject, StringComparison.Ordinal);
        Assert.Contains("Dank u wel", closing.TextBody, StringComparison.Ordinal);
        Assert.Contains("hoeft u niet meer te beantwoorden", closing.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wij bewaren uw gegevens nog 7 jaar", closing.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"Deze link werkt één keer, tot maandag 30 november 2026 om \d\d:\d\d uur\.", closing.TextBody);

        // Closed with a measure decided: the page says what was decided, not what is still to come.
        await App.WithDbAsync(async db =>
        {
            var advice = await db.Advices.SingleAsync(a => a.Id == caseId);
            advice.NoAdditionalHelp = false;
            db.Set<Herstelmeldpunt.Web.Cases.Decisions.RecoveryMeasure>().Add(new() { Id = Guid.NewGuid(), AdviceId = caseId, Kind = Herstelmeldpunt.Web.Cases.Decisions.RecoveryMeasureKind.PsychologicalSupport, Reasons = "Gesprek." });
            return await db.SaveChangesAsync();
        });
        var page = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "case_closed"));
        var decision = page.Document.QuerySelector("[data-testid=decision]")!.TextContent;
        Assert.Contains("Dit hebben wij voor u besloten", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("Dit gaan wij voor u doen", decision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_the_afternoon_on_Mijn_melding_moves_a_planned_morning_call_and_says_the_new_time()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();
        var planned = (await CallsAsync(caseId))[^1];
        Assert.Equal(9, planned.ScheduledFor.Hour); // 10:00 in Amsterdam (winter time)

        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "follow_up_call_planned"));
        var form = await reporter.Client.GetPageAsync("/mijn-melding/contact");
        var saved = await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?> { ["Form.PreferredTime"] = "Afternoon" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.Status);

        var moved = (await CallsAsync(caseId))[^1];
        Assert.Equal((planned.ScheduledFor.Date, 13), (moved.ScheduledFor.Date, moved.ScheduledFor.Hour)); // 14:00 in Amsterdam, the same day
        var timer = await App.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == caseId && t.Name == "follow_up_call_1" && t.FiredAt == null && t.CancelledAt == null));
        Assert.Equal(moved.ScheduledFor, timer.DueAt);
        var mails = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "follow_up_call_planned").OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync());
        Assert.Equal(2, mails.Count);
        Assert.Contains("rond 14:00 uur", mails[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_decision_the_mail_and_Mijn_melding_say_until_when_and_how_to_object()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();
        var lastDay = Herstelmeldpunt.Web.Cases.Terms.ObjectionTerm.LastDay(new DateOnly(2026, 11, 23)); // decided today
        var mail = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "decision_final").Select(m => m.TextBody).SingleAsync());
        Assert.Contains("bezwaar maken, uiterlijk op " + lastDay.ToString("d MMMM yyyy", Herstelmeldpunt.Web.Localization.Cultures.Dutch), mail, StringComparison.Ordinal);

        var page = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "decision_final"));
        var route = page.Document.QuerySelector("[data-testid=objection-route]")!.TextContent;
        Assert.Contains(lastDay.ToString("dddd d MMMM yyyy", Herstelmeldpunt.Web.Localization.Cultures.Dutch), route, StringComparison.Ordinal);
        Assert.Contains("Postbus", route, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_a_phone_number_is_promised_no_call_and_gets_the_questions_by_email_at_once_without_a_click()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync(withoutPhone: true);
        Assert.False(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Template!.StartsWith("follow_up_call_planned"))));
        Assert.Equal("decision_proposed_nophone", await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template!.StartsWith("decision_proposed")).Select(m => m.Template).SingleAsync())); // v5: the proposal offers no call
        var decisionMail = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "decision_final").Select(m => m.TextBody).SingleAsync());
        Assert.DoesNotContain("bellen", decisionMail, StringComparison.Ordinal);

        // The call is due at once: the next timer sweep, not the next call slot, and nobody has to click.
        Assert.True(new DateTimeOffset((await CallsAsync(caseId))[^1].ScheduledFor, TimeSpan.Zero) <= App.Clock.GetUtcNow());
        await App.FireDueTimersAsync();

        Assert.Equal("follow_up_letter", await App.StateAsync(caseId));
        var survey = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template!.StartsWith("satisfaction_survey")));
        Assert.Equal("satisfaction_survey_nophone", survey.Template);
        Assert.DoesNotContain("gebeld", survey.TextBody, StringComparison.Ordinal);
        var entry = await App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == caseId).OrderByDescending(j => j.Sequence).FirstAsync());
        Assert.Equal(("no_phone_number", "planner"), (entry.Transition, entry.ActorName));
    }

    [Fact]
    public async Task Not_reached_by_phone_the_reporter_answers_online_satisfied_closes_the_case_and_is_counted_as_a_reached_contact()
    {
        var caseId = await CaseNotReachedByPhoneAsync();
        var survey = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "satisfaction_survey"));
        var reporter = new ReporterSession(App);
        var page = await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "satisfaction_survey"));
        Assert.NotNull(page.Document.QuerySelector("[data-testid=survey]"));

        var incomplete = await reporter.Client.PostFormAsync(page, "/mijn-melding?handler=Survey", D(("Survey.Satisfaction", "4")), formSelector: "[data-testid=survey]");
        Assert.Equal(["#Survey_SatisfiedWithProvision", "#Survey_ActionNeeded"], incomplete.ErrorSummaryLinks);

        var sent = await reporter.Client.PostFormAsync(page, "/mijn-melding?handler=Survey",
            D(("Survey.Satisfaction", "4"), ("Survey.SatisfiedWithProvision", "yes"), ("Survey.ActionNeeded", "no"), ("Survey.Comments", "Fijn geholpen.")), formSelector: "[data-testid=survey]");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, sent.Status);
        Assert.Equal("closed", await App.StateAsync(caseId));
        var answer = (await CallsAsync(caseId))[^1];
        Assert.Equal((4, true, 4, "Fijn geholpen."), (answer.Attempt, answer.Reached == true, answer.Satisfaction ?? 0, answer.Comments));
        Assert.NotNull(survey);
    }

    [Fact]
    public async Task Not_reached_by_phone_a_dissatisfied_online_answer_goes_back_to_a_manager()
    {
        var caseId = await CaseNotReachedByPhoneAsync();
        var reporter = new ReporterSession(App);
        var page = await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "satisfaction_survey"));

        await reporter.Client.PostFormAsync(page, "/mijn-melding?handler=Survey",
            D(("Survey.Satisfaction", "2"), ("Survey.SatisfiedWithProvision", "no"), ("Survey.ActionNeeded", "yes")), formSelector: "[data-testid=survey]");

        Assert.Equal("back_with_manager", await App.StateAsync(caseId));
        var entry = await App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == caseId).OrderByDescending(j => j.Sequence).FirstAsync());
        Assert.Equal(("survey_dissatisfied", "Reporter"), (entry.Transition, entry.Role));
    }

    private async Task<List<Herstelmeldpunt.Web.Cases.FollowUp.FollowUpCall>> CallsAsync(Guid caseId) =>
        await App.WithDbAsync(db => db.FollowUpCalls.Where(c => c.CaseId == caseId).OrderBy(c => c.Attempt).ToListAsync());

    [Fact]
    public async Task The_call_is_planned_at_the_preferred_time_mailed_to_the_reporter_and_appears_on_the_callers_worklist_when_due()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();

        // Provisions carried out on Monday 23 November 2026; ten working days later is Monday 7 December;
        // the reporter prefers mornings: 10:00 Dutch time = 09:00 UTC.
        var call = Assert.Single(await CallsAsync(caseId));
        Assert.Equal(new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc), call.ScheduledFor);
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.IdempotencyKey == $"call:{caseId}:1"));
        Assert.Contains("maandag 7 december 2026 rond 10:00 uur", mail.TextBody, StringComparison.Ordinal);

        var contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        Assert.DoesNotContain(caseId.ToString(), (await contact.Client.GetPageAsync("/backoffice/werkvoorraad")).Html, StringComparison.Ordinal);
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 8, 59, 0, TimeSpan.Zero));
        await App.FireDueTimersAsync();
        Assert.Equal("follow_up_scheduled", await App.StateAsync(caseId));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 9, 0, 30, TimeSpan.Zero));
        Assert.True(await App.FireDueTimersAsync() >= 1);
        Assert.Equal("follow_up_call", await App.StateAsync(caseId));
        contact = await StaffSession.SignInAsync(App, contact.Account);
        Assert.Contains(caseId.ToString(), (await contact.Client.GetPageAsync("/backoffice/werkvoorraad")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dissatisfied_outcome_goes_back_to_a_manager_who_can_reopen_the_case()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();
        App.Clock.Advance(TimeSpan.FromDays(20));
        await App.FireDueTimersAsync();
        var contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);

        // Answers that mean "dissatisfied" cannot be recorded as satisfied.
        var mismatch = await contact.TakeAsync(caseId, "call_satisfied", D(("satisfaction", "2"), ("satisfied_with_provision", "no"), ("action_needed", "yes")));
        Assert.Equal("InvalidInput", mismatch.RefusalReason());
        Assert.Equal("follow_up_call", await App.StateAsync(caseId));

        Assert.True((await contact.TakeAsync(caseId, "call_dissatisfied", D(("satisfaction", "2"), ("satisfied_with_provision", "no"), ("action_needed", "yes"), ("comments", "Schuld is nog niet opgelost.")))).WasApplied());
        Assert.Equal("back_with_manager", await App.StateAsync(caseId));
        var call = Assert.Single(await CallsAsync(caseId));
        Assert.Equal((true, 2, false, true), (call.Reached, call.Satisfaction, call.SatisfiedWithProvision, call.ActionNeeded));

        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        Assert.Contains(caseId.ToString(), (await manager.Client.GetPageAsync("/backoffice/werkvoorraad")).Html, StringComparison.Ordinal);
        Assert.True((await manager.TakeAsync(caseId, "reopen", note: "Schuldhulp alsnog regelen.")).WasApplied());
        Assert.Equal("screening", await App.StateAsync(caseId));
    }

    [Fact]
    public async Task Not_reached_three_times_the_call_moves_to_a_letter_task_with_retries_on_the_next_working_day_at_the_other_time()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();
        var contact = await StaffSession.CreateAccountAsync(App, [StaffRoles.CustomerContact]);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var call = (await CallsAsync(caseId))[^1];
            App.Clock.SetUtcNow(new DateTimeOffset(call.ScheduledFor, TimeSpan.Zero).AddMinutes(1));
            await App.FireDueTimersAsync();
            Assert.Equal("follow_up_call", await App.StateAsync(caseId));
            var session = await StaffSession.SignInAsync(App, contact);
            if (attempt < 3)
            {
                Assert.False((await session.TakeAsync(caseId, "call_not_reached_last")).WasApplied());
                Assert.True((await session.TakeAsync(caseId, "call_not_reached", note: $"Geen gehoor ({attempt}).")).WasApplied());
                Assert.Equal("follow_up_scheduled", await App.StateAsync(caseId));
            }
            else
            {
                Assert.False((await session.TakeAsync(caseId, "call_not_reached")).WasApplied());
                Assert.True((await session.TakeAsync(caseId, "call_not_reached_last")).WasApplied());
            }
        }

        Assert.Equal("follow_up_letter", await App.StateAsync(caseId));
        var calls = await CallsAsync(caseId);
        Assert.Equal([1, 2, 3], calls.Select(c => c.Attempt));
        Assert.All(calls, c => Assert.False(c.Reached));
        // Morning first (10:00 = 09:00 UTC), then the afternoon (14:00 = 13:00 UTC) on the next working day, then morning again.
        Assert.Equal([9, 13, 9], calls.Select(c => c.ScheduledFor.Hour));
        Assert.Equal(calls[0].ScheduledFor.Date.AddDays(1), calls[1].ScheduledFor.Date);
        Assert.Equal(calls[1].ScheduledFor.Date.AddDays(1), calls[2].ScheduledFor.Date);

        var last = await StaffSession.SignInAsync(App, contact);
        Assert.True((await last.TakeAsync(caseId, "letter_sent", note: "Brief met vragenlijst verstuurd.")).WasApplied());
        Assert.Equal("closed", await App.StateAsync(caseId));
    }

    [Fact]
    public async Task A_manager_may_end_follow_up_only_with_a_reason_and_the_planned_call_is_cancelled()
    {
        var caseId = await CaseWithProvisionsCarriedOutAsync();
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);

        Assert.Equal("InvalidInput", (await manager.TakeAsync(caseId, "abandon_follow_up")).RefusalReason());
        Assert.True((await manager.TakeAsync(caseId, "abandon_follow_up", note: "Melder is verhuisd naar het buitenland.")).WasApplied());

        Assert.Equal("closed", await App.StateAsync(caseId));
        var timer = await App.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == caseId && t.Name == "follow_up_call_1"));
        Assert.NotNull(timer.CancelledAt);
    }
}

public sealed class FollowUpTestsOnSqlite(SqliteAppFactory app) : FollowUpTests(app), IClassFixture<SqliteAppFactory>;

public sealed class FollowUpTestsOnPostgres(PostgresAppFactory app) : FollowUpTests(app), IClassFixture<PostgresAppFactory>;
