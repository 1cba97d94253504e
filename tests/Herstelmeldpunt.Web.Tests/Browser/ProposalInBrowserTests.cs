using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>The proposed decision (process v5) in a real browser: read, answered by keyboard without scripts, axe on every state, no reflow at 320 px, Dutch and English.</summary>
public sealed class ProposalInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A case carried to the proposed decision by steps taken directly (the staff pages of these steps are tested elsewhere).</summary>
    private async Task<(Guid CaseId, string Link)> ProposedAsync(string language)
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
        await StepAsync(caseId, "route_to_committee", "intake-1", StaffRoles.IntakeStaff, ("urgency", "High"), ("assignee", member.Id));
        await StepAsync(caseId, "submit_advice", "member-1", StaffRoles.CommitteeChair);
        await StepAsync(caseId, "approve_advice", "chair-1", StaffRoles.CommitteeChair);
        await StepAsync(caseId, "propose_decision", "smz-1", StaffRoles.SmzDecisionMaker, ("adopts_advice", "no"), ("deviation_reasons", "Er zijn ook schulden."), ("decided_instead", "Schuldhulp en 1500 euro."));
        return (caseId, await ReporterSession.LinkFromMailAsync(app, caseId, "decision_proposed"));
    }

    private Task StepAsync(Guid caseId, string transition, string userId, string role, params (string Field, string? Value)[] data) => fixture.StepAsync(caseId, transition, userId, role, data);

    [Fact]
    public async Task The_person_reads_the_proposal_corrects_an_empty_view_by_keyboard_and_sends_two_points()
    {
        var (caseId, link) = await ProposedAsync("nl");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("proposal-notice")).ToContainTextAsync("U kunt reageren tot en met");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-proposal-notice");

        await page.GetByRole(AriaRole.Link, new() { Name = "Lees het voorstel en reageer" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("proposal-ours")).ToContainTextAsync("Schuldhulp en 1500 euro.");
        await Assertions.Expect(page.GetByTestId("advice-for-person")).ToContainTextAsync("Uw uitkering is al hersteld.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "proposal");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the proposal scrolls sideways at 320 px");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "proposal-320");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur mijn reactie" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Schrijf ten minste één punt");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "proposal-error");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Punt 1")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Ik heb schulden door de herbeoordeling.");
        await page.GetByLabel("Punt 2").FillAsync("Ik wil praten met een arbeidsdeskundige.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur mijn reactie" }).PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wij hebben uw reactie ontvangen");
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveAttributeAsync("data-state", "view_received");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-view-received");
        await page.GetByTestId("proposal-link").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("your-response")).ToContainTextAsync("Ik wil praten met een arbeidsdeskundige.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "proposal-responded");
        Assert.Equal("view_received", await fixture.App.StateAsync(caseId));

        // The directorate answers the points beside the proposal.
        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.SmzDecisionMaker]));
        await staff.GotoAsync($"/backoffice/meldingen/{caseId}");
        await staff.GetByTestId("view-points-link").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("view-point")).ToHaveCountAsync(2);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "view-points");
        await staff.GetByLabel("Antwoord op punt 1").FillAsync("Schuldhulp is onderdeel van het besluit.");
        await staff.GetByLabel("Antwoord op punt 2").FillAsync("Een arbeidsdeskundige belt u.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Antwoorden opslaan" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("De antwoorden op de zienswijze zijn opgeslagen.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "case-view-answered");
    }

    [Fact]
    public async Task An_english_person_reads_the_proposal_in_english_and_agrees()
    {
        var (caseId, link) = await ProposedAsync("en");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open My report" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Read the proposal and respond" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Our proposed decision");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "proposal-en");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the English proposal scrolls sideways at 320 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You agree with the proposal");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-agreed-en-320");
        Assert.Equal("decision_discussed", await fixture.App.StateAsync(caseId));
    }
}
