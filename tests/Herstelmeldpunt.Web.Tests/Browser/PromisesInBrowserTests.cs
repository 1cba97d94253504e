using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>
/// Issue 30's pages in a real browser, with axe and the 320 px reflow check on every state: "what we promised you" and
/// "call me back" on Mijn melding by keyboard, the late promises, callbacks and silence alarm on the worklist, the
/// public progress page (NL and EN) and the reports to parliament.
/// </summary>
public sealed class PromisesInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_person_sees_the_promises_asks_for_a_call_back_by_keyboard_and_staff_see_it_on_the_worklist()
    {
        var answers = IntakeJourney.ValidAnswers("Belofte Browser");
        answers["Form.Email"] = $"{Guid.NewGuid():N}@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        var link = await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "receipt");
        // The receipt promise went late (as if the mail server was down for days): one apology, a late row.
        await fixture.App.WithDbAsync(db => db.Promises.Where(p => p.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Due, new DateOnly(2026, 11, 1))));
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PromiseWatch>().RunAsync(CancellationToken.None);
        }

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("promises")).ToContainTextAsync("Te laat");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "promises-mijn-melding");

        await page.GetByTestId("callback-link").ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "callback-form");
        await page.GetByLabel("Op welk telefoonnummer?").FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag terugbellen aan" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies het bericht of de brief");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "callback-error");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("#About")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Op welk telefoonnummer?").FillAsync("06 12345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag terugbellen aan" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("callback-open")).ToContainTextAsync("Wij bellen u uiterlijk op");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "callback-sent");

        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.Manager, StaffRoles.CustomerContact]));
        await staff.GotoAsync("/backoffice/werkvoorraad");
        await Assertions.Expect(staff.GetByTestId("late-promises")).ToContainTextAsync(reference);
        await Assertions.Expect(staff.GetByTestId("callbacks")).ToContainTextAsync(reference);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "worklist-promises");
        await staff.GetByTestId("callbacks").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "callback-staff");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Gebeld en gesproken" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("worklist-notice")).ToContainTextAsync("afgerond");
        await staff.GotoAsync("/backoffice/dashboard");
        await Assertions.Expect(staff.GetByTestId("callback-shares")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "dashboard-promises");
        await staff.GotoAsync("/backoffice/rapportages");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "parliament-reports");
        await staff.GetByLabel("Van (jjjj-mm-dd)").FillAsync("2026-12-01");
        await staff.GetByLabel("Tot en met (jjjj-mm-dd)").FillAsync("2026-11-01");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Maak de rapportage (PDF)" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("de eerste niet na de tweede");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "parliament-error");

        // Three weeks of silence later (the apology and the callback were the last messages): "send an update".
        fixture.App.Clock.Advance(TimeSpan.FromDays(22));
        try
        {
            await using var laterContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
            var later = await laterContext.NewPageAsync();
            await fixture.SignInStaffAsync(later, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.Manager]));
            await later.GotoAsync("/backoffice/werkvoorraad");
            var row = later.GetByTestId("silent-cases").Locator($"tr[data-case='{caseId}']");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await IntakeJourneyInBrowserTests.AssertAccessibleAsync(later, "worklist-silence");
            await row.GetByRole(AriaRole.Button).ClickAsync();
            await Assertions.Expect(later.GetByTestId("worklist-notice")).ToContainTextAsync("De update is verstuurd.");
            Assert.Equal(1, await fixture.App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == caseId && m.Template == "status_update")));
            await later.GotoAsync($"/backoffice/meldingen/{caseId}/stand-van-zaken");
            await Assertions.Expect(later.GetByTestId("not-silent")).ToBeVisibleAsync();
            await IntakeJourneyInBrowserTests.AssertAccessibleAsync(later, "update-not-needed");
        }
        finally
        {
            fixture.App.Clock.AdjustTime(fixture.App.Clock.GetUtcNow().AddDays(-22)); // back, for the other tests of this fixture
        }
    }

    [Theory]
    [InlineData("nl", "Voortgang in cijfers", "Hoe gaat het met de meldingen?")]
    [InlineData("en", "Progress in figures", "How are the reports progressing?")]
    public async Task The_public_progress_page_is_reached_from_the_footer_and_accessible(string language, string footer, string heading)
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/taal/{language}");
        await page.GotoAsync("/");
        await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = footer }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Assertions.Expect(page.GetByTestId("weeks")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, $"progress-{language}");
    }
}
