using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>Objecting online (process v6) in a real browser: by keyboard without scripts, axe and the 320 px reflow check on every state, Dutch and English; the directorate's objection page.</summary>
public sealed class ObjectionInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A case carried to its final decision by steps taken directly (the staff pages of these steps are tested elsewhere); the link in the decision's mail.</summary>
    private async Task<(Guid CaseId, string Link)> DecidedAsync(string language)
    {
        var app = fixture.App;
        var member = await StaffSession.CreateAccountAsync(app, [StaffRoles.CommitteeMember]);
        var bsn = TestBsn.Next();
        await app.AddToRegisterAsync(bsn);
        var caseId = await app.FileReportAsync(bsn);
        await app.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, language)));
        await app.WithDbAsync(db =>
        {
            db.Advices.Add(new Herstelmeldpunt.Web.Cases.Decisions.Advice { Id = caseId, AuthorId = "member-1", NoAdditionalHelp = true, NoAdditionalHelpReasons = "Al hersteld.", ForThePerson = "Uw uitkering is al hersteld.", UpdatedAt = app.Clock.GetUtcNow().UtcDateTime });
            return db.SaveChangesAsync();
        });
        await fixture.StepAsync(caseId, "route_to_committee", "intake-1", StaffRoles.IntakeStaff, ("urgency", "High"), ("assignee", member.Id));
        await fixture.StepAsync(caseId, "submit_advice", "member-1", StaffRoles.CommitteeChair);
        await fixture.StepAsync(caseId, "approve_advice", "chair-1", StaffRoles.CommitteeChair);
        await fixture.StepAsync(caseId, "propose_decision", "smz-1", StaffRoles.SmzDecisionMaker, ("adopts_advice", "yes"));
        await fixture.StepAsync(caseId, "agree_with_proposal", "contact-1", StaffRoles.CustomerContact);
        await fixture.StepAsync(caseId, "finalise_decision", "smz-1", StaffRoles.SmzDecisionMaker);
        return (caseId, await ReporterSession.LinkFromMailAsync(app, caseId, "decision_final"));
    }


    [Fact]
    public async Task The_person_objects_by_keyboard_waives_the_hearing_and_the_directorate_sees_it()
    {
        var (caseId, link) = await DecidedAsync("nl");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).ClickAsync();
        await page.GetByTestId("objection-link").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("objection-term")).ToContainTextAsync("4 januari 2027");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "objection-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur mijn bezwaar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Schrijf waarom u het niet eens bent");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "objection-error");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#Grounds")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Ik heb schulden door de herbeoordeling.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur mijn bezwaar" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wij hebben uw bezwaar ontvangen.");
        await Assertions.Expect(page.GetByTestId("hearing")).ToHaveAttributeAsync("data-open", "true");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "objection-received");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ik wil geen hoorzitting" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("geen hoorzitting");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "objection-waived");

        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.SmzDecisionMaker]));
        await staff.GotoAsync($"/backoffice/meldingen/{caseId}");
        await staff.GetByTestId("objection-link").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("hearing-waived")).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByTestId("objection")).ToContainTextAsync("Ik heb schulden door de herbeoordeling.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "objection-desk");
    }

    [Fact]
    public async Task Someone_who_filed_in_english_objects_late_in_english_and_the_directorate_decides_on_the_lateness()
    {
        var (caseId, link) = await DecidedAsync("en");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open My report" }).ClickAsync();
        await fixture.App.WithDbAsync(db => db.Set<Herstelmeldpunt.Web.Cases.Terms.CaseDeadline>().Where(d => d.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DecidedOn, new DateOnly(2026, 10, 1)))); // decided long ago: the term has passed
        await page.GotoAsync("/mijn-melding/bezwaar");
        await Assertions.Expect(page.GetByTestId("objection-term")).ToContainTextAsync("The term to object has passed");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "objection-late-en");
        await page.GetByLabel("Why do you not agree with the decision?").FillAsync("I need more help.");
        await page.GetByLabel("Why are you objecting later?", new() { Exact = false }).FillAsync("I was in hospital.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my objection" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("objection-late")).ToContainTextAsync("after the term");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "objection-late-registered-en");

        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.SmzDecisionMaker]));
        await staff.GotoAsync($"/backoffice/meldingen/{caseId}/bezwaar");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "objection-desk-late");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Beslissing opslaan" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies of het te laat zijn te verontschuldigen is.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "objection-desk-error");
        await staff.GetByLabel("Ja, wij behandelen het bezwaar").CheckAsync();
        await staff.GetByLabel("Uitleg voor de melder").FillAsync("You were in hospital: we will handle your objection.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Beslissing opslaan" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("lateness-decided")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "objection-desk-decided");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("objection-late")).ToContainTextAsync("You were in hospital");
        await Assertions.Expect(page.GetByTestId("hearing")).ToHaveAttributeAsync("data-open", "true");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "objection-excused-en");
    }
}
