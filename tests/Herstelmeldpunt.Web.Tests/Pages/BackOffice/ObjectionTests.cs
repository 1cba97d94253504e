using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>
/// The objection (bezwaar) path of process v4, kept in v6: registered by staff within six weeks (or late with a reason),
/// decided by the directorate — on v6 only once the person was heard (Awb 7:2) — the person told by email and letter.
/// </summary>
public abstract class ObjectionTests(AppFactory app) : CaseTestBase(app)
{
    /// <summary>A case carried from the public form (with an address) to its final decision (the person disagreed in the conversation).</summary>
    private async Task<(Guid Id, DecisionDesk Desk)> DecidedCaseAsync()
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.AddressStreet, "Dorpsstraat 12").SetProperty(r => r.AddressPostcode, "1234 AB").SetProperty(r => r.AddressCity, "Amsterdam")));
        await desk.DecideAsync(caseId, D(("adopts_advice", "yes")), agreement: "no");
        return (caseId, desk);
    }

    /// <summary>The directorate records the hearing's report (v6: dismissing or upholding waits for it).</summary>
    private static async Task HearAsync(DecisionDesk desk, Guid caseId)
    {
        var page = await desk.Smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/bezwaar");
        var saved = await desk.Smz.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/bezwaar?handler=Hearing",
            new Dictionary<string, string?> { ["HeldOn"] = "2026-11-23", ["Report"] = "De melder lichtte toe waarom extra hulp nodig is." }, formSelector: "form[data-testid=hearing-form]");
        Assert.True(saved.Status == System.Net.HttpStatusCode.Redirect, $"{saved.Status}: {string.Join(" | ", saved.ErrorSummaryTexts)}");
    }

    [Fact]
    public async Task An_objection_is_registered_acknowledged_and_dismissed_with_reasons_the_person_reads_in_a_letter()
    {
        var (caseId, desk) = await DecidedCaseAsync();
        Assert.Equal(6, await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.DefinitionVersion).SingleAsync())); // the objection path of v4, kept in v5 and v6

        Assert.True((await desk.Contact.TakeAsync(caseId, "register_objection", D(("objection_date", "2026-11-23"), ("grounds", "Ik heb wel extra hulp nodig.")))).WasApplied());

        Assert.Equal("objection", await App.StateAsync(caseId));
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Template == "objection_received")));
        Assert.True(await App.WithDbAsync(db => db.WorkflowTimers.AnyAsync(t => t.InstanceId == caseId && t.Name == "objection_deadline" && t.FiredAt == null)));
        var worklist = await desk.Smz.Client.GetPageAsync("/backoffice/werkvoorraad?stap=objection");
        Assert.Contains(caseId.ToString(), worklist.Html, StringComparison.Ordinal);

        Assert.False((await desk.Smz.TakeAsync(caseId, "dismiss_objection", D(("reasons", "De herstelde uitkering dekt de schade.")))).WasApplied()); // not heard yet (v6)
        await HearAsync(desk, caseId);
        Assert.True((await desk.Smz.TakeAsync(caseId, "dismiss_objection", D(("reasons", "De herstelde uitkering dekt de schade.")))).WasApplied());

        Assert.Equal("objection_dismissed", await App.StateAsync(caseId));
        var letter = await App.WithDbAsync(db => db.CaseLetters.SingleAsync(l => l.CaseId == caseId && l.Template == "objection_dismissed"));
        Assert.Equal(LetterDelivery.Post, letter.Delivery); // a decision on an objection is always posted
        var text = PdfText.All(letter.Pdf);
        Assert.Contains("De herstelde uitkering dekt de schade.", text, StringComparison.Ordinal);
        Assert.Contains("beroep", text, StringComparison.Ordinal);
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "objection_dismissed"));
        Assert.DoesNotContain("schade", mail.TextBody, StringComparison.Ordinal); // the email carries only the reference
    }

    [Fact]
    public async Task An_objection_after_six_weeks_needs_a_reason_and_cannot_be_dated_before_the_decision_or_in_the_future()
    {
        var (caseId, desk) = await DecidedCaseAsync();
        App.Clock.Advance(TimeSpan.FromDays(50));
        var intake = await StaffSession.SignInAsync(App, desk.Intake.Account); // a new day, a new sign-in

        var beforeDecision = await intake.TakeAsync(caseId, "register_objection", D(("objection_date", "2026-11-20"), ("grounds", "Oneens.")));
        var future = await intake.TakeAsync(caseId, "register_objection", D(("objection_date", "2027-02-01"), ("grounds", "Oneens.")));
        var late = await intake.TakeAsync(caseId, "register_objection", D(("objection_date", "2027-01-11"), ("grounds", "Oneens.")));

        Assert.False(beforeDecision.WasApplied());
        Assert.Contains("vóór het besluit", string.Join(' ', beforeDecision.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.False(future.WasApplied());
        Assert.False(late.WasApplied());
        Assert.Contains("meer dan 6 weken", string.Join(' ', late.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal("decision_final", await App.StateAsync(caseId));
        Assert.True((await intake.TakeAsync(caseId, "register_objection", D(("objection_date", "2027-01-04"), ("grounds", "Oneens."), ("late_reason", "Melder lag in het ziekenhuis.")))).WasApplied());
    }

    [Fact]
    public async Task An_upheld_objection_leads_to_a_new_decision_through_the_usual_steps()
    {
        var (caseId, desk) = await DecidedCaseAsync();
        Assert.True((await desk.Contact.TakeAsync(caseId, "register_objection", D(("objection_date", "2026-11-23"), ("grounds", "Ik heb schuldhulp nodig.")))).WasApplied());
        await HearAsync(desk, caseId);

        Assert.True((await desk.Smz.TakeAsync(caseId, "uphold_objection", D(("reasons", "Er zijn schulden door de herbeoordeling.")))).WasApplied());
        Assert.Equal("objection_upheld", await App.StateAsync(caseId));
        Assert.Contains("Er zijn schulden door de herbeoordeling.", PdfText.All(await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "objection_upheld").Select(l => l.Pdf).SingleAsync())), StringComparison.Ordinal);

        Assert.True((await desk.Smz.TakeAsync(caseId, "propose_decision", D(("adopts_advice", "no"), ("deviation_reasons", "Bezwaar gegrond."), ("decided_instead", "Schuldhulp.")))).WasApplied());
        Assert.True((await desk.Contact.TakeAsync(caseId, "record_conversation", D(("conversation_date", "2026-11-23"), ("outcome", "Eens."), ("agreement", "yes"), ("financial_consequences_explained", "yes")))).WasApplied());
        Assert.True((await desk.Smz.TakeAsync(caseId, "finalise_decision")).WasApplied());
        var decisions = await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "decision_final").OrderBy(l => l.CreatedAt).Select(l => l.Pdf).ToListAsync());
        Assert.Equal(2, decisions.Count);
        Assert.Contains("Schuldhulp.", PdfText.All(decisions[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_that_started_on_version_3_stays_on_it_and_has_no_objection_step()
    {
        var (caseId, desk) = await DecidedCaseAsync();
        await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(i => i.DefinitionVersion, 3)));

        var form = await desk.Contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/stap/register_objection");
        var casePage = await desk.Contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, form.Status);
        Assert.DoesNotContain("/stap/register_objection", casePage.Html, StringComparison.Ordinal);
        Assert.Equal("decision_final", await App.StateAsync(caseId));
        Assert.Equal(3, await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.DefinitionVersion).SingleAsync()));
    }
}

public sealed class ObjectionTestsOnSqlite(SqliteAppFactory app) : ObjectionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ObjectionTestsOnPostgres(PostgresAppFactory app) : ObjectionTests(app), IClassFixture<PostgresAppFactory>;
