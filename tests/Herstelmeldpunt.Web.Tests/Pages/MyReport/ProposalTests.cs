using System.Net;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.MyReport;

/// <summary>
/// Process v5: the person is heard on the proposed decision (Awb 4:7–4:8). The term, the three answers on Mijn melding,
/// the reminder and the end as timers, and the directorate answering every point before the decision is final (Awb 3:46).
/// </summary>
public abstract class ProposalTests(AppFactory app) : CaseTestBase(app)
{
    private const string ForThePerson = "Uw uitkering is al hersteld. Daarom is geen extra hulp nodig.";

    /// <summary>A case from the public form to the proposed decision; the person on Mijn melding by the link in the proposal's mail.</summary>
    private async Task<(Guid Id, DecisionDesk Desk, ReporterSession Reporter, HtmlPage MyReport)> ProposedAsync(bool withPhone = true)
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.AddressStreet, "Dorpsstraat 12").SetProperty(r => r.AddressPostcode, "1234 AB").SetProperty(r => r.AddressCity, "Amsterdam")
            .SetProperty(r => r.Phone, withPhone ? "0612345678" : null).SetProperty(r => r.PreferredChannel, Herstelmeldpunt.Web.Reports.ContactChannel.Email)));
        await desk.ProposeAsync(caseId, D(("adopts_advice", "yes")));
        var reporter = new ReporterSession(App);
        var page = await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, withPhone ? "decision_proposed" : "decision_proposed_nophone"));
        return (caseId, desk, reporter, page);
    }

    [Fact]
    public async Task A_proposal_opens_a_two_week_term_that_the_page_the_mail_and_the_letter_name()
    {
        var (caseId, _, reporter, myReport) = await ProposedAsync();

        // Proposed on Monday 23 November 2026: two weeks is Monday 7 December, a working day.
        var round = await App.WithDbAsync(db => db.DecisionViews.SingleAsync(v => v.CaseId == caseId));
        Assert.Equal((new DateOnly(2026, 12, 7), (ViewResponse?)null), (round.RespondBy, round.Response));
        Assert.Equal(6, await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.DefinitionVersion).SingleAsync())); // v5's hearing on the proposal, kept in v6
        Assert.Contains("7 december 2026", myReport.Document.QuerySelector("[data-testid=proposal-notice]")!.TextContent, StringComparison.Ordinal);
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "decision_proposed"));
        Assert.Contains("7 december 2026", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ForThePerson, mail.TextBody, StringComparison.Ordinal); // the email carries the reference and the date, never the content
        var letter = PdfText.All(await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "decision_proposed").Select(l => l.Pdf).SingleAsync()));
        Assert.Contains("7 december 2026", letter, StringComparison.Ordinal);
        Assert.Contains(ForThePerson, letter, StringComparison.Ordinal);

        var proposal = await reporter.Client.GetPageAsync("/mijn-melding/voorstel");
        Assert.Equal(HttpStatusCode.OK, proposal.Status);
        Assert.Equal(ForThePerson, proposal.Document.QuerySelector("[data-testid=advice-for-person]")!.TextContent.Trim());
        Assert.Contains("7 december 2026", proposal.Document.QuerySelector("[data-testid=respond-by]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Uitkering is al hersteld.", proposal.Html, StringComparison.Ordinal); // the committee's reasons for the directorate stay inside
        Assert.NotNull(proposal.Document.QuerySelector("[data-testid=ask-call]"));
    }

    [Fact]
    public async Task A_written_view_must_be_answered_point_by_point_before_the_decision_is_final()
    {
        var (caseId, desk, reporter, _) = await ProposedAsync();
        var proposal = await reporter.Client.GetPageAsync("/mijn-melding/voorstel");

        var empty = await reporter.Client.PostFormAsync(proposal, "/mijn-melding/voorstel?handler=View", formSelector: "form[data-testid=view-form]");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Schrijf ten minste één punt", string.Join(' ', empty.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal("decision_proposed", await App.StateAsync(caseId));

        var sent = await reporter.Client.PostFormAsync(proposal, "/mijn-melding/voorstel?handler=View",
            new Dictionary<string, string?> { ["Point1"] = "Ik heb schulden door de herbeoordeling.", ["Point3"] = "Ik wil hulp van een arbeidsdeskundige." }, "form[data-testid=view-form]");
        Assert.True(sent.Location?.OriginalString == "/mijn-melding?melding=zienswijze", $"{sent.Status}: {string.Join(" | ", sent.ErrorSummaryTexts)}");
        Assert.Equal("view_received", await App.StateAsync(caseId));
        var points = await App.WithDbAsync(db => db.DecisionViews.Where(v => v.CaseId == caseId).SelectMany(v => v.Points).OrderBy(p => p.Number).Select(p => new { p.Number, p.Text }).ToListAsync());
        Assert.Equal([(1, "Ik heb schulden door de herbeoordeling."), (2, "Ik wil hulp van een arbeidsdeskundige.")], points.Select(p => (p.Number, p.Text)));
        Assert.False(await App.WithDbAsync(db => db.WorkflowTimers.AnyAsync(t => t.InstanceId == caseId && t.FiresAction == "view_term" && t.FiredAt == null && t.CancelledAt == null)), "answering ends the reminder and the term's end");

        var refused = await desk.Smz.TakeAsync(caseId, "finalise_decision");
        Assert.False(refused.WasApplied());
        Assert.Equal("view_received", await App.StateAsync(caseId));

        var answers = await desk.Smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/zienswijze");
        Assert.Equal(2, answers.Document.QuerySelectorAll("[data-testid=view-point]").Length);
        await desk.Smz.Client.PostFormAsync(answers, $"/backoffice/meldingen/{caseId}/zienswijze", new Dictionary<string, string?> { ["Answers[1]"] = "Schuldhulp valt onder het herstel van uw uitkering." });
        Assert.False((await desk.Smz.TakeAsync(caseId, "finalise_decision")).WasApplied()); // one point still open

        answers = await desk.Smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/zienswijze");
        await desk.Smz.Client.PostFormAsync(answers, $"/backoffice/meldingen/{caseId}/zienswijze", new Dictionary<string, string?> { ["Answers[2]"] = "Een arbeidsdeskundige belt u binnen twee weken." });
        Assert.True((await desk.Smz.TakeAsync(caseId, "finalise_decision")).WasApplied());
        Assert.Equal("decision_final", await App.StateAsync(caseId));

        // The decision answers the view: in the letter, and beside each point on Mijn melding.
        var letter = PdfText.All(await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "decision_final").Select(l => l.Pdf).SingleAsync()));
        Assert.Contains("Een arbeidsdeskundige belt u binnen twee weken.", letter, StringComparison.Ordinal);
        Assert.Contains("Ik heb schulden door de herbeoordeling.", letter, StringComparison.Ordinal);
        var shown = await reporter.Client.GetPageAsync("/mijn-melding/voorstel");
        Assert.Equal(["Schuldhulp valt onder het herstel van uw uitkering.", "Een arbeidsdeskundige belt u binnen twee weken."],
            shown.Document.QuerySelectorAll("[data-testid=point-answer]").Select(a => a.TextContent.Trim()));
        Assert.StartsWith("/backoffice/geen-toegang", (await desk.Contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/zienswijze")).Location!.PathAndQuery(), StringComparison.Ordinal); // only the directorate answers
    }

    [Fact]
    public async Task Without_an_answer_a_reminder_goes_three_working_days_before_the_end_and_then_the_case_moves_on()
    {
        var (caseId, _, reporter, _) = await ProposedAsync();

        App.Clock.AdjustTime(new DateTimeOffset(2026, 12, 2, 7, 59, 0, TimeSpan.Zero)); // Wednesday 2 December, before 09:00 in Amsterdam
        await App.FireDueTimersAsync();
        Assert.False(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Template == "view_reminder")));
        App.Clock.AdjustTime(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        await App.FireDueTimersAsync();
        var reminder = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "view_reminder"));
        Assert.Contains("7 december 2026", reminder.TextBody, StringComparison.Ordinal);

        App.Clock.AdjustTime(new DateTimeOffset(2026, 12, 7, 22, 59, 0, TimeSpan.Zero)); // the last day, 23:59 in Amsterdam: still open
        await App.FireDueTimersAsync();
        Assert.Equal("decision_proposed", await App.StateAsync(caseId));
        App.Clock.AdjustTime(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
        await App.FireDueTimersAsync();
        Assert.Equal("decision_discussed", await App.StateAsync(caseId));
        Assert.Equal(ViewResponse.TermEnded, await App.WithDbAsync(db => db.DecisionViews.Where(v => v.CaseId == caseId).Select(v => v.Response).SingleAsync()));

        var late = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "view_reminder"));
        var proposal = await reporter.Client.GetPageAsync("/mijn-melding/voorstel");
        Assert.NotNull(late.Document.QuerySelector("[data-testid=proposal-link]"));
        Assert.Null(proposal.Document.QuerySelector("[data-testid=view-form]"));
    }

    [Fact]
    public async Task The_person_agrees_or_asks_for_a_call_only_when_someone_can_be_called()
    {
        var (agreed, _, reporter, _) = await ProposedAsync();
        var proposal = await reporter.Client.GetPageAsync("/mijn-melding/voorstel");
        var sent = await reporter.Client.PostFormAsync(proposal, "/mijn-melding/voorstel?handler=Agree", formSelector: "form[action$='handler=Agree']");
        Assert.Equal("/mijn-melding?melding=akkoord", sent.Location?.OriginalString);
        Assert.Equal(("decision_discussed", ViewResponse.Agreed), (await App.StateAsync(agreed), await App.WithDbAsync(db => db.DecisionViews.Where(v => v.CaseId == agreed).Select(v => v.Response).SingleAsync())));
        var again = await reporter.Client.PostFormAsync(proposal, "/mijn-melding/voorstel?handler=Call", formSelector: "form[action$='handler=Agree']");
        Assert.Equal(HttpStatusCode.OK, again.Status); // a second answer from an old tab: told, nothing changes
        Assert.Equal("decision_discussed", await App.StateAsync(agreed));

        var (noPhone, desk, withoutPhone, _) = await ProposedAsync(withPhone: false);
        var page = await withoutPhone.Client.GetPageAsync("/mijn-melding/voorstel");
        Assert.Null(page.Document.QuerySelector("[data-testid=ask-call]"));
        Assert.DoesNotContain("bellen", (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == noPhone && m.Template == "decision_proposed_nophone"))).TextBody, StringComparison.Ordinal);
        await withoutPhone.Client.PostFormAsync(page, "/mijn-melding/voorstel?handler=Call", formSelector: "form[action$='handler=Agree']");
        Assert.Equal("decision_proposed", await App.StateAsync(noPhone));

        var (called, _, caller, _) = await ProposedAsync();
        var callPage = await caller.Client.GetPageAsync("/mijn-melding/voorstel");
        await caller.Client.PostFormAsync(callPage, "/mijn-melding/voorstel?handler=Call", formSelector: "form[action$='handler=Call']");
        Assert.Equal("view_call_requested", await App.StateAsync(called));
        var worklist = await desk.Contact.Client.GetPageAsync("/backoffice/werkvoorraad?stap=view_call_requested");
        Assert.Contains(called.ToString(), worklist.Html, StringComparison.Ordinal);
        Assert.True((await desk.Contact.TakeAsync(called, "record_conversation", D(("conversation_date", "2026-11-23"), ("outcome", "Besproken."), ("agreement", "yes"), ("financial_consequences_explained", "yes")))).WasApplied());
        Assert.True((await desk.Smz.TakeAsync(called, "finalise_decision")).WasApplied());
    }
}

public sealed class ProposalTestsOnSqlite(SqliteAppFactory app) : ProposalTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ProposalTestsOnPostgres(PostgresAppFactory app) : ProposalTests(app), IClassFixture<PostgresAppFactory>;
