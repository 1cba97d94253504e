using System.Net;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>The case process through the back office: every step by the right role, refusals for the wrong ones.</summary>
public abstract class CaseProcessTests(AppFactory app) : CaseTestBase(app)
{

    /// <summary>Screening done: the case is with the committee, assigned to <paramref name="member"/>.</summary>
    private async Task<Guid> CaseWithCommitteeAsync(StaffSession intake, StaffSession member)
    {
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        var routed = await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "High"), ("assignee", member.Account.Id)));
        Assert.True(routed.WasApplied(), routed.Document.QuerySelector("[data-testid=refusal]")?.TextContent);
        return caseId;
    }

    private static async Task WriteCompleteAdviceAsync(StaffSession author, Guid caseId)
    {
        var page = await author.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        var recovery = await author.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Recovery",
            D(("Measures[RestoreBenefit].Selected", "true"), ("Measures[RestoreBenefit].Reasons", "Uitkering is ten onrechte gestopt."),
              ("Measures[PsychologicalSupport].Selected", "true"), ("Measures[PsychologicalSupport].Reasons", "Veel stress sinds de herbeoordeling.")),
            formSelector: "form[action$='handler=Recovery']");
        Assert.Equal(HttpStatusCode.Redirect, recovery.Status);
        page = await author.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        var compensation = await author.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Compensation",
            D(("Compensation", "Amount"), ("Amount", "2500,00"), ("CompensationDetails", "Vier maanden IVA-uitkering."), ("CompensationReasons", "Schade door late herstel.")),
            formSelector: "form[action$='handler=Compensation']");
        Assert.Equal(HttpStatusCode.Redirect, compensation.Status);
        page = await author.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        var explained = await author.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=ForThePerson",
            D(("ForThePerson", "Uw uitkering stopte ten onrechte. U krijgt hulp en een vergoeding.")), formSelector: "form[action$='handler=ForThePerson']");
        Assert.Equal(HttpStatusCode.Redirect, explained.Status);
    }

    [Fact]
    public async Task A_report_from_the_public_form_is_carried_to_closed_by_the_right_roles_with_every_step_in_the_timeline()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var reviewer = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeChair);
        var smz = await StaffSession.SignInAsNewAsync(App, StaffRoles.SmzDecisionMaker);
        var contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        Assert.Equal("screening", await App.StateAsync(caseId));

        Assert.True((await intake.TakeAsync(caseId, "request_information", D(("question", "Wilt u de brief van de herbeoordeling sturen?"), ("answer_by", "2026-12-07")))).WasApplied());
        Assert.True((await intake.TakeAsync(caseId, "information_received", D(("answer", "Brief ontvangen per post.")))).WasApplied());
        Assert.True((await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "Acute"), ("urgency_reason", "Dreigende huisuitzetting."), ("assignee", member.Account.Id)))).WasApplied());
        Assert.Equal(UrgencyLevel.Acute, await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Urgency).SingleAsync()));

        await WriteCompleteAdviceAsync(member, caseId);
        Assert.True((await member.TakeAsync(caseId, "submit_advice")).WasApplied());
        Assert.True((await reviewer.TakeAsync(caseId, "approve_advice", note: "Akkoord.")).WasApplied());
        Assert.True((await smz.TakeAsync(caseId, "propose_decision", D(("adopts_advice", "yes")))).WasApplied());
        Assert.True((await contact.TakeAsync(caseId, "record_conversation", D(("conversation_date", "2026-11-23"), ("outcome", "Besproken, melder is opgelucht."),
            ("agreement", "yes"), ("financial_consequences_explained", "yes"), ("labour_expert", "A. Deskundige")))).WasApplied());
        Assert.True((await smz.TakeAsync(caseId, "finalise_decision")).WasApplied());
        Assert.True((await intake.TakeAsync(caseId, "provisions_carried_out", note: "Uitkering hersteld, bedrag betaald.", carried: ["RestoreBenefit", "PsychologicalSupport", "compensation"])).WasApplied());
        Assert.Equal("follow_up_scheduled", await App.StateAsync(caseId));
        App.Clock.Advance(TimeSpan.FromDays(16));
        Assert.True(await App.FireDueTimersAsync() >= 1);
        Assert.Equal("follow_up_call", await App.StateAsync(caseId));
        contact = await StaffSession.SignInAsync(App, contact.Account); // sixteen days later: a new session
        Assert.True((await contact.TakeAsync(caseId, "call_satisfied", D(("satisfaction", "4"), ("satisfied_with_provision", "yes"), ("action_needed", "no")))).WasApplied());
        Assert.Equal("closed", await App.StateAsync(caseId));

        var casePage = await contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        var timeline = casePage.Document.QuerySelectorAll("[data-testid=timeline] li").Select(li => li.GetAttribute("data-transition")).ToList();
        Assert.Equal(["start", "request_information", "information_received", "route_to_committee", "submit_advice", "approve_advice",
            "propose_decision", "record_conversation", "finalise_decision", "provisions_carried_out", "call_due", "call_satisfied"], timeline);
        Assert.Contains("A. Deskundige", casePage.Html, StringComparison.Ordinal);
        Assert.Contains("Dreigende huisuitzetting.", casePage.Html, StringComparison.Ordinal);
        Assert.Equal("closed", casePage.Document.QuerySelector("[data-testid=current-state]")!.GetAttribute("data-state"));
        Assert.NotNull(casePage.Document.QuerySelector("[data-testid=diagram] g[data-state='closed'][data-current='true']"));

        var journal = await App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == caseId).OrderBy(j => j.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 12), journal.Select(j => j.Sequence));
        Assert.All(journal.Skip(1).Where(j => j.Transition != "call_due"), j => Assert.NotNull(j.ActorId));
        Assert.Equal("System", journal.Single(j => j.Transition == "call_due").Role);
        Assert.Equal("CommitteeChair", journal.Single(j => j.Transition == "approve_advice").Role);
    }

    [Fact]
    public async Task Compensation_cannot_be_completed_before_recovery()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var caseId = await CaseWithCommitteeAsync(intake, member);

        var page = await member.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        Assert.NotNull(page.Document.QuerySelector("[data-testid=compensation-locked]"));
        var early = await member.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Compensation",
            D(("Compensation", "None"), ("CompensationReasons", "Geen schade.")), formSelector: "form[action$='handler=Compensation']");

        Assert.Contains("Eerst herstel", early.Document.QuerySelector("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await App.WithDbAsync(db => db.Advices.Where(a => a.Id == caseId).Select(a => a.CompensationCompletedAt).FirstOrDefaultAsync()));
        var submit = await member.TakeAsync(caseId, "submit_advice");
        Assert.False(submit.WasApplied());
        Assert.Contains("nog niet compleet", submit.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advice_fields_required_only_in_some_cases_are_not_labelled_optional_and_say_when_they_are_required()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var caseId = await CaseWithCommitteeAsync(intake, member);

        var page = await member.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");

        Assert.DoesNotContain("niet verplicht", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.All(page.Document.QuerySelectorAll("textarea[id^=Reasons_]"), reasons =>
            Assert.Contains("Verplicht als u deze maatregel kiest", page.Document.GetElementById(reasons.GetAttribute("aria-describedby")!.Split(' ')[0])!.TextContent, StringComparison.Ordinal));
        var withoutReason = await member.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Recovery",
            D(("Measures[RestoreBenefit].Selected", "true")), formSelector: "form[action$='handler=Recovery']");
        Assert.Equal(["#Reasons_RestoreBenefit"], withoutReason.ErrorSummaryLinks);
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_advice_but_another_member_can()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var author = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var other = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var caseId = await CaseWithCommitteeAsync(intake, author);
        await WriteCompleteAdviceAsync(author, caseId);
        Assert.True((await author.TakeAsync(caseId, "submit_advice")).WasApplied());

        var own = await author.TakeAsync(caseId, "approve_advice");
        Assert.False(own.WasApplied());
        Assert.Equal("GuardFailed", own.RefusalReason());
        Assert.Contains("vier ogen", own.Html, StringComparison.Ordinal);
        Assert.Equal("advice_review", await App.StateAsync(caseId));

        Assert.True((await other.TakeAsync(caseId, "send_back_advice", note: "Motiveer de compensatie beter.")).WasApplied());
        Assert.Equal("with_committee", await App.StateAsync(caseId));
        Assert.Equal(author.Account.Id, await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.AssigneeId).SingleAsync()));
    }

    [Fact]
    public async Task Nobody_who_wrote_part_of_the_advice_can_approve_it_even_after_someone_else_edited_it_last()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var chair = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeChair);
        var third = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var caseId = await CaseWithCommitteeAsync(intake, member);
        await WriteCompleteAdviceAsync(member, caseId);

        // The chair changes one character of the compensation part and so becomes the last author.
        var page = await chair.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        var edited = await chair.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Compensation",
            D(("Compensation", "Amount"), ("Amount", "2500,00"), ("CompensationDetails", "Vier maanden IVA-uitkering."), ("CompensationReasons", "Schade door late herstel!")),
            formSelector: "form[action$='handler=Compensation']");
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        Assert.True((await member.TakeAsync(caseId, "submit_advice")).WasApplied());

        foreach (var writer in new[] { member, chair })
        {
            var refused = await writer.TakeAsync(caseId, "approve_advice");
            Assert.False(refused.WasApplied());
            Assert.Contains("vier ogen", refused.Html, StringComparison.Ordinal);
        }

        Assert.Equal("advice_review", await App.StateAsync(caseId));
        Assert.Equal(new[] { chair.Account.Id, member.Account.Id }.Order(StringComparer.Ordinal), (await App.WithDbAsync(db => db.Set<AdviceContributor>().Where(c => c.AdviceId == caseId).Select(c => c.UserId).ToListAsync())).Order(StringComparer.Ordinal));
        Assert.True((await third.TakeAsync(caseId, "approve_advice")).WasApplied());
    }

    [Fact]
    public async Task Steps_of_another_role_are_refused_with_a_clear_message_and_change_nothing()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var smz = await StaffSession.SignInAsNewAsync(App, StaffRoles.SmzDecisionMaker);
        var caseId = await App.FileReportAsync(TestBsn.Next());

        var wrongRole = await smz.TakeAsync(caseId, "route_to_committee", D(("urgency", "Normal")));
        Assert.Contains("Deze stap hoort niet bij uw rol.", wrongRole.Html, StringComparison.Ordinal);
        var wrongOrder = await intake.TakeAsync(caseId, "provisions_carried_out", note: "te vroeg");
        Assert.Contains("de zaak staat in een andere fase", wrongOrder.Html, StringComparison.Ordinal);

        // Posting anyway, past the form, is refused the same way.
        var form = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/request_information");
        var smzPage = await smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/request_information");
        Assert.Null(smzPage.Document.QuerySelector("main form")); // no form for a step that is not yours
        var token = smzPage.FormFields("form[action='/backoffice/uitloggen']").Single(f => f.Key == "__RequestVerificationToken");
        var forced = await smz.Client.PostFieldsAsync($"/backoffice/meldingen/{caseId}/stap/request_information",
            [token, new("Note", "ik mag dit niet"), new("ExpectedVersion", form.ValueOf("ExpectedVersion")!)]);
        Assert.Equal("RoleNotAllowed", forced.RefusalReason());
        Assert.Equal("screening", await App.StateAsync(caseId));
        Assert.Equal(1, await App.WithDbAsync(db => db.WorkflowJournal.CountAsync(j => j.InstanceId == caseId)));
    }

    [Fact]
    public async Task Advice_texts_longer_than_their_column_get_a_field_error_and_nothing_is_stored()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var caseId = await CaseWithCommitteeAsync(intake, member);
        var tooLong = new string('x', 4001);
        var page = await member.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");

        var noHelp = await member.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=NoHelp", D(("NoHelpReasons", tooLong)), formSelector: "form[action$='handler=NoHelp']");
        Assert.Equal(HttpStatusCode.OK, noHelp.Status);
        Assert.Equal(["#NoHelpReasons"], noHelp.ErrorSummaryLinks);

        var recovery = await member.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Recovery",
            D(("Measures[RestoreBenefit].Selected", "true"), ("Measures[RestoreBenefit].Reasons", "Uitkering gestopt.")), formSelector: "form[action$='handler=Recovery']");
        Assert.Equal(HttpStatusCode.Redirect, recovery.Status);
        page = await member.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        var compensation = await member.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Compensation",
            D(("Compensation", "OtherForm"), ("CompensationDetails", tooLong), ("CompensationReasons", tooLong)), formSelector: "form[action$='handler=Compensation']");
        Assert.Equal(HttpStatusCode.OK, compensation.Status);
        Assert.Equal(["#CompensationDetails", "#CompensationReasons"], compensation.ErrorSummaryLinks);

        var advice = await App.WithDbAsync(db => db.Advices.SingleAsync(a => a.Id == caseId));
        Assert.False(advice.NoAdditionalHelp);
        Assert.Null(advice.CompensationReasons);
    }

    [Fact]
    public async Task The_decision_is_taken_with_the_advice_in_view_a_deviation_says_what_instead_and_a_disagreement_is_seen_before_it_is_final()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var reviewer = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var smz = await StaffSession.SignInAsNewAsync(App, StaffRoles.SmzDecisionMaker);
        var contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        var caseId = await CaseWithCommitteeAsync(intake, member);
        await WriteCompleteAdviceAsync(member, caseId);
        Assert.True((await member.TakeAsync(caseId, "submit_advice")).WasApplied());
        Assert.True((await reviewer.TakeAsync(caseId, "approve_advice")).WasApplied());

        var form = await smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/propose_decision");
        Assert.Contains("Uitkering is ten onrechte gestopt.", form.Document.QuerySelector("[data-testid=advice-in-view]")!.TextContent, StringComparison.Ordinal);
        var withoutWhat = await smz.TakeAsync(caseId, "propose_decision", D(("adopts_advice", "no"), ("deviation_reasons", "Bedrag te hoog.")));
        Assert.False(withoutWhat.WasApplied());
        Assert.NotNull(withoutWhat.Document.QuerySelector("#Field_decided_instead-error, [id$='decided_instead-error']"));
        Assert.True((await smz.TakeAsync(caseId, "propose_decision", D(("adopts_advice", "no"), ("deviation_reasons", "Bedrag te hoog."), ("decided_instead", "Uitkering herstellen; compensatie 1500 euro.")))).WasApplied());

        var conversation = await contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/record_conversation");
        Assert.Contains("06 12345678", conversation.Document.QuerySelector("[data-testid=contact]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("compensatie 1500 euro", conversation.Document.QuerySelector("[data-testid=proposed-decision]")!.TextContent, StringComparison.Ordinal);
        var future = await contact.TakeAsync(caseId, "record_conversation", D(("conversation_date", "2026-12-01"), ("outcome", "Niet eens."), ("agreement", "no"), ("financial_consequences_explained", "yes")));
        Assert.False(future.WasApplied());
        Assert.True((await contact.TakeAsync(caseId, "record_conversation", D(("conversation_date", "2026-11-23"), ("outcome", "Melder vindt het bedrag te laag."), ("agreement", "no"), ("financial_consequences_explained", "yes")))).WasApplied());

        var final = await smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/finalise_decision");
        Assert.Contains("Melder vindt het bedrag te laag.", final.Document.QuerySelector("[data-testid=disagrees]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_reasons_for_two_measures_are_two_errors_that_each_name_their_measure()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var caseId = await CaseWithCommitteeAsync(intake, member);

        var page = await member.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        var labels = page.Document.QuerySelectorAll("label[for^=Reasons_]").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Contains("Reden voor: Uitkering of betaling herstellen", labels);
        var refused = await member.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/advies?handler=Recovery",
            D(("Measures[RestoreBenefit].Selected", "true"), ("Measures[DebtHelp].Selected", "true")), formSelector: "form[action$='handler=Recovery']");

        var summary = refused.Document.QuerySelectorAll(".error-summary li a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent.Trim())).ToList();
        Assert.Equal(["#Reasons_RestoreBenefit", "#Reasons_DebtHelp"], summary.Select(s => s.Href));
        Assert.Contains("Uitkering of betaling herstellen", summary[0].Text, StringComparison.Ordinal);
        Assert.Contains("Schuldhulp", summary[1].Text, StringComparison.Ordinal);
        Assert.Contains("Schuldhulp", refused.Document.GetElementById("Reasons_DebtHelp-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await App.WithDbAsync(db => db.Advices.FirstOrDefaultAsync(a => a.Id == caseId)));
    }

    [Fact]
    public async Task The_review_shows_the_advice_the_finalise_form_shows_the_agreement_and_provisions_are_ticked_one_by_one()
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var caseId = await CaseWithCommitteeAsync(desk.Intake, desk.Member);
        await WriteCompleteAdviceAsync(desk.Member, caseId);
        Assert.True((await desk.Member.TakeAsync(caseId, "submit_advice")).WasApplied());

        var review = await desk.Chair.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/approve_advice");
        Assert.Contains("Veel stress sinds de herbeoordeling.", review.Document.QuerySelector("[data-testid=advice-in-view]")!.TextContent, StringComparison.Ordinal);
        var sendBack = await desk.Chair.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/send_back_advice");
        Assert.NotNull(sendBack.Document.QuerySelector("[data-testid=advice-in-view]"));
        Assert.True((await desk.Chair.TakeAsync(caseId, "approve_advice")).WasApplied());
        Assert.True((await desk.Smz.TakeAsync(caseId, "propose_decision", D(("adopts_advice", "yes")))).WasApplied());
        Assert.True((await desk.Contact.TakeAsync(caseId, "record_conversation", D(("conversation_date", "2026-11-23"), ("outcome", "Melder is blij met het voorstel."), ("agreement", "yes"), ("financial_consequences_explained", "yes")))).WasApplied());

        var final = await desk.Smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/finalise_decision");
        Assert.Contains("Melder is blij met het voorstel.", final.Document.QuerySelector("[data-testid=agrees]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("eens", final.Document.QuerySelector("[data-testid=agrees]")!.TextContent, StringComparison.Ordinal);
        Assert.True((await desk.Smz.TakeAsync(caseId, "finalise_decision")).WasApplied());

        var form = await desk.Intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/provisions_carried_out");
        var lines = form.Document.QuerySelectorAll("[data-testid=provisions] input[type=checkbox]").Select(i => i.GetAttribute("name")).ToList();
        Assert.Equal(["Carried[RestoreBenefit]", "Carried[PsychologicalSupport]", "Carried[compensation]"], lines);
        Assert.Contains("2.500,00", form.Document.QuerySelector("[data-testid=provisions]")!.TextContent, StringComparison.Ordinal);
        var partly = await desk.Intake.TakeAsync(caseId, "provisions_carried_out", note: "Uitkering hersteld.", carried: ["RestoreBenefit"]);
        Assert.False(partly.WasApplied());
        Assert.Equal(["#Field_provision_PsychologicalSupport", "#Field_provision_compensation"], partly.Document.QuerySelectorAll("[data-testid=refusal] li a").Select(a => a.GetAttribute("href")));
        Assert.Equal("decision_final", await App.StateAsync(caseId));
        Assert.True(partly.Document.QuerySelector("#Field_provision_RestoreBenefit")!.HasAttribute("checked"));

        Assert.True((await desk.Intake.TakeAsync(caseId, "provisions_carried_out", note: "Alles op 1 december.", carried: ["RestoreBenefit", "PsychologicalSupport", "compensation"])).WasApplied());
        var note = await App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == caseId && j.Transition == "provisions_carried_out").Select(j => j.Note).SingleAsync());
        Assert.StartsWith("✓ Uitkering of betaling herstellen\n✓ Psychische ondersteuning", note, StringComparison.Ordinal);
        Assert.EndsWith("Alles op 1 december.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_differs_from_the_register_must_be_resolved_by_intake_before_routing()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn, "Jan de Vries");
        var caseId = await App.FileReportAsync(bsn, "Maria Jansen");

        var casePage = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        Assert.Contains("Maria Jansen", casePage.Document.QuerySelector("[data-testid=identity-mismatch]")!.TextContent, StringComparison.Ordinal);
        var refused = await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "High")));
        Assert.Contains("De naam wijkt af van het register", refused.Html, StringComparison.Ordinal);

        var noNote = await intake.Client.PostFormAsync(casePage, $"/backoffice/meldingen/{caseId}?handler=Identity", D(("IdentityDecision", "different_person")), formSelector: "form[action$='handler=Identity']");
        Assert.Contains("Schrijf hoe u het heeft nagegaan", noNote.Html, StringComparison.Ordinal);
        var resolved = await intake.Client.PostFormAsync(casePage, $"/backoffice/meldingen/{caseId}?handler=Identity",
            D(("IdentityDecision", "different_person"), ("IdentityNote", "Gebeld: andere persoon, BSN verkeerd overgenomen.")), formSelector: "form[action$='handler=Identity']");
        Assert.Equal(HttpStatusCode.Redirect, resolved.Status);
        Assert.Contains("staat niet in het doelgroepregister", (await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "High")))).Html, StringComparison.Ordinal);

        // The same name written differently is simply a match.
        var other = TestBsn.Next();
        await App.AddToRegisterAsync(other, "José Müller");
        var sameCase = await App.FileReportAsync(other, "jose muller");
        Assert.True((await intake.TakeAsync(sameCase, "route_to_committee", D(("urgency", "High")))).WasApplied());
    }

    [Fact]
    public async Task A_committee_member_acts_only_on_cases_assigned_to_them_while_the_chair_may_act_on_all()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var assigned = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var stranger = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var chair = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeChair);
        var caseId = await CaseWithCommitteeAsync(intake, assigned);

        var advicePage = await stranger.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        Assert.Contains("niet aan u toegewezen", advicePage.Document.QuerySelector("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        var worklist = await stranger.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.DoesNotContain(caseId.ToString(), worklist.Html, StringComparison.Ordinal);
        Assert.Contains(caseId.ToString(), (await assigned.Client.GetPageAsync("/backoffice/werkvoorraad")).Html, StringComparison.Ordinal);
        Assert.Contains(caseId.ToString(), (await chair.Client.GetPageAsync("/backoffice/werkvoorraad")).Html, StringComparison.Ordinal);

        await WriteCompleteAdviceAsync(chair, caseId);
        Assert.False((await stranger.TakeAsync(caseId, "submit_advice")).WasApplied());
        Assert.True((await chair.TakeAsync(caseId, "submit_advice")).WasApplied());
    }

    [Fact]
    public async Task Of_two_people_taking_a_step_at_the_same_moment_one_wins_and_the_other_is_asked_to_reload()
    {
        var first = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var second = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var caseId = await App.FileReportAsync(TestBsn.Next());
        var url = $"/backoffice/meldingen/{caseId}/stap/request_information";
        var formA = await first.Client.GetPageAsync(url);
        var formB = await second.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/withdraw");

        var results = await Task.WhenAll(
            first.Client.PostFormAsync(formA, url, D(("Data[question]", "Vraag A"), ("Data[answer_by]", "2026-12-07"))),
            second.Client.PostFormAsync(formB, $"/backoffice/meldingen/{caseId}/stap/withdraw", D(("Note", "Intrekken B"))));

        Assert.Equal(1, results.Count(r => r.WasApplied()));
        var loser = results.Single(r => !r.WasApplied());
        Assert.Equal("Stale", loser.RefusalReason());
        Assert.Contains("Deze zaak is intussen gewijzigd", loser.Html, StringComparison.Ordinal);
        Assert.Equal(2, await App.WithDbAsync(db => db.WorkflowJournal.CountAsync(j => j.InstanceId == caseId)));
        Assert.Equal(2, await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.Version).SingleAsync()));
    }

    [Fact]
    public async Task Routing_needs_a_register_match_and_a_changed_urgency_needs_a_reason()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var bsn = TestBsn.Next();
        var caseId = await App.FileReportAsync(bsn); // High urgency (no income)

        var notInRegister = await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "High")));
        Assert.Contains("staat niet in het doelgroepregister", notInRegister.Html, StringComparison.Ordinal);

        await App.AddToRegisterAsync(bsn);
        var noReason = await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "Normal")));
        Assert.Equal("InvalidInput", noReason.RefusalReason());
        Assert.Contains("geef de reden", noReason.Html, StringComparison.Ordinal);
        Assert.Equal("screening", await App.StateAsync(caseId));

        Assert.True((await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "Normal"), ("urgency_reason", "Heeft inmiddels weer inkomen.")))).WasApplied());
        Assert.Equal(UrgencyLevel.Normal, await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Urgency).SingleAsync()));
    }

    [Fact]
    public async Task Leaving_a_state_cancels_its_timers_and_asking_for_information_emails_the_reporter_without_personal_data()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var caseId = await App.FileReportAsync(TestBsn.Next(), name: "Privé Persoon");
        var timers = await App.WithDbAsync(db => db.WorkflowTimers.Where(t => t.InstanceId == caseId).ToListAsync());
        var screening = Assert.Single(timers);
        Assert.Equal("screening_deadline", screening.Name);
        // Received Monday 23 November 2026, 10:30 Dutch time: five working days later is Monday 30 November.
        Assert.Equal(new DateTime(2026, 11, 30, 9, 30, 0, DateTimeKind.Utc), screening.DueAt);

        Assert.True((await intake.TakeAsync(caseId, "request_information", D(("question", "Welke diagnose staat in uw dossier?"), ("answer_by", "2026-12-07")))).WasApplied());

        timers = await App.WithDbAsync(db => db.WorkflowTimers.Where(t => t.InstanceId == caseId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Name).ToListAsync());
        Assert.NotNull(timers.Single(t => t.Name == "screening_deadline").CancelledAt);
        Assert.Null(timers.Single(t => t.Name == "information_overdue").CancelledAt);
        Assert.Null(timers.Single(t => t.Name == "information_reminder").CancelledAt);
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.IdempotencyKey.StartsWith("case:" + caseId)));
        var reference = await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.ReferenceNumber).SingleAsync());
        Assert.Contains(reference, mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Privé Persoon", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("diagnose", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_intake_worklist_shows_the_most_urgent_first_then_the_oldest()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var older = await App.FileReportAsync(TestBsn.Next());
        App.Clock.Advance(TimeSpan.FromHours(1));
        var acute = await App.FileReportAsync(TestBsn.Next(), crisis: "yes");
        App.Clock.Advance(TimeSpan.FromHours(1));
        var newer = await App.FileReportAsync(TestBsn.Next());

        var worklist = await intake.Client.GetPageAsync("/backoffice/werkvoorraad");
        var order = worklist.Document.QuerySelectorAll("[data-testid=worklist] tbody a").Select(a => a.GetAttribute("href")!).ToList();
        var positions = new[] { acute, older, newer }.Select(id => order.IndexOf($"/backoffice/meldingen/{id}")).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.True(positions[0] < positions[1] && positions[1] < positions[2], string.Join(",", positions));
    }

    [Fact]
    public async Task Without_a_choice_the_case_goes_to_the_committee_member_with_the_fewest_open_cases()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var busy = await StaffSession.SignInAsync(App, await StaffSession.CreateAccountAsync(App, [StaffRoles.CommitteeMember], displayName: "!! Druk bezet"));
        var free = await StaffSession.SignInAsync(App, await StaffSession.CreateAccountAsync(App, [StaffRoles.CommitteeMember], displayName: "!!! Vrij"));
        await CaseWithCommitteeAsync(intake, busy);
        // Both new members sort before every other member by name; "free" has no open case, "busy" has one.
        await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.AssigneeId != null && i.AssigneeId != busy.Account.Id && i.AssigneeId != free.Account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AssigneeId, busy.Account.Id)));

        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        Assert.True((await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "High")))).WasApplied());

        Assert.Equal(free.Account.Id, await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.AssigneeId).SingleAsync()));
    }

    [Fact]
    public async Task The_reporter_may_withdraw_before_the_decision_and_a_manager_may_reopen_with_a_reason()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var caseId = await App.FileReportAsync(TestBsn.Next());

        Assert.True((await intake.TakeAsync(caseId, "withdraw", note: "Melder belde: wil niet verder.")).WasApplied());
        Assert.Equal("withdrawn", await App.StateAsync(caseId));
        var noReason = await manager.TakeAsync(caseId, "reopen");
        Assert.Equal("InvalidInput", noReason.RefusalReason());
        Assert.True((await manager.TakeAsync(caseId, "reopen", note: "Melder wil toch verder.")).WasApplied());
        Assert.Equal("screening", await App.StateAsync(caseId));
    }
}

public sealed class CaseProcessTestsOnSqlite(SqliteAppFactory app) : CaseProcessTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CaseProcessTestsOnPostgres(PostgresAppFactory app) : CaseProcessTests(app), IClassFixture<PostgresAppFactory>;
