using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>"My situation has got worse" in a real browser: the person by keyboard, intake looking again; axe on every state, 320 px, Dutch and English.</summary>
public sealed class WorseInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_person_tells_us_by_keyboard_and_intake_keeps_the_urgency_with_a_reason_the_person_then_reads()
    {
        var answers = IntakeJourney.ValidAnswers("Slechter Browser");
        answers["Form.Email"] = $"{Guid.NewGuid():N}@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "receipt")).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).ClickAsync();
        await page.GetByTestId("worse-link").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("emergency")).ToContainTextAsync("112");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "worse");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies waar het slechter mee gaat");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "worse-error");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#Areas_Money")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Vertel in een paar zinnen wat er is gebeurd").FillAsync("Ik kan de huur niet meer betalen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("volgende werkdag");
        await Assertions.Expect(page.GetByTestId("worse-latest")).ToContainTextAsync("uiterlijk op");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "worse-sent");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 320 px");

        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.IntakeStaff]));
        await staff.GotoAsync("/backoffice/werkvoorraad");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "worklist-worse");
        await staff.GetByTestId("worse-tasks").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("worse-open")).ToContainTextAsync("Ik kan de huur niet meer betalen.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "situation");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Uitkomst opslaan en de melder laten weten" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies de uitkomst");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "situation-error");
        await staff.GetByLabel("De urgentie blijft gelijk").CheckAsync();
        await staff.GetByLabel("Waarom blijft de urgentie gelijk?", new() { Exact = false }).FillAsync("Wij bellen u morgen over een voorschot.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Uitkomst opslaan en de melder laten weten" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("De melder krijgt bericht");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("worse-latest")).ToContainTextAsync("Wij bellen u morgen over een voorschot.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "worse-kept-320");
    }
}
