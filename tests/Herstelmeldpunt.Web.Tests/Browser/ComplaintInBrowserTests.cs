using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>Complaints in a real browser: the person by keyboard on Mijn melding and on the public page (NL and EN), the officer's list and desk; axe and the 320 px reflow check on every state.</summary>
public sealed class ComplaintInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<(Guid CaseId, string Reference, string Email, string Link)> FiledAsync(string language)
    {
        var answers = IntakeJourney.ValidAnswers("Klacht Browser");
        answers["Form.Email"] = $"{Guid.NewGuid():N}@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, language)));
        return (caseId, reference, answers["Form.Email"]!, await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "receipt"));
    }


    [Fact]
    public async Task The_person_complains_by_keyboard_and_the_officer_takes_it_and_decides()
    {
        var (caseId, reference, _, link) = await FiledAsync("nl");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).ClickAsync();
        await page.GetByTestId("complaint-link").GetByRole(AriaRole.Link).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "complaint-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur mijn klacht" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies waar uw klacht over gaat.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "complaint-error");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("#Complaint_Subject")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Wat is er gebeurd?").FillAsync("Ik kreeg geen antwoord op mijn vraag.");
        await page.GetByLabel("Nee, dat hoeft niet").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur mijn klacht" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wij hebben uw klacht ontvangen.");
        await Assertions.Expect(page.GetByTestId("complaint")).ToContainTextAsync("4 januari 2027");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "complaint-sent");

        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.ComplaintsOfficer]));
        await staff.GotoAsync("/backoffice/klachten");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "complaints-list");
        await staff.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "complaint-desk");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Klacht in behandeling nemen" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Beslissen en de klager laten weten" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies het oordeel.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "complaint-desk-error");
        await staff.GetByLabel("Ongegrond").CheckAsync();
        await staff.GetByLabel("Bevindingen en conclusie").FillAsync("Uw vraag is op 20 november beantwoord.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Beslissen en de klager laten weten" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("outcome")).ToContainTextAsync("Ongegrond");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "complaint-decided");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("complaint-findings")).ToContainTextAsync("20 november");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "complaint-decided-person");
        Assert.Equal(1, await fixture.App.WithDbAsync(db => db.Complaints.CountAsync(c => c.CaseId == caseId)));
    }

    [Fact]
    public async Task The_public_page_in_english()
    {
        var (caseId, reference, email, _) = await FiledAsync("en");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/taal/en");
        await page.GotoAsync("/klacht");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Make a complaint");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "public-complaint-en");
        await page.GetByLabel("Reference number").FillAsync(reference);
        await page.GetByLabel("Your email address").FillAsync(email);
        await page.GetByLabel("I could not reach anyone").CheckAsync();
        await page.GetByLabel("What happened?").FillAsync("Nobody answered the phone for a week.");
        await page.GetByLabel("Yes, I would like a conversation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my complaint" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("complaint-sent")).ToContainTextAsync("If the reference number and the email address belong together");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "public-complaint-sent-en");
        Assert.Equal(1, await fixture.App.WithDbAsync(db => db.Complaints.CountAsync(c => c.CaseId == caseId)));
    }
}
