using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Tests.Pages.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>
/// "Save and continue later" in Chromium, the journeys Open Forms got wrong: pause, close, come back in a new session and
/// send; pause a second time (the first link stops working); and a link past its expiry. Axe and 320 px on every state.
/// </summary>
public sealed class IntakeDraftInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> NewSessionAsync(IBrowserContext[] keep, int index)
    {
        keep[index] = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        return await keep[index].NewPageAsync();
    }

    [Fact]
    public async Task Pause_close_resume_in_a_new_session_pause_again_and_send_with_only_the_newest_link_working()
    {
        var sessions = new IBrowserContext[4];
        try
        {
            var email = $"later.{Guid.NewGuid().ToString("N")[..8]}@example.nl";
            var page = await NewSessionAsync(sessions, 0);
            await page.GotoAsync("/melden");
            await page.GetByLabel("Voor mezelf").CheckAsync();
            await page.GetByLabel("Volledige naam").FillAsync("Later Verder");
            await page.GetByLabel("E-mailadres (niet verplicht)", new() { Exact = true }).FillAsync(email);
            await page.GetByLabel("Beschrijf wat er is gebeurd").FillAsync("Eerste stuk.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en later verder" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uw antwoorden zijn bewaard");
            await Assertions.Expect(page.GetByTestId("draft-until")).ToContainTextAsync("2026");
            await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "draft-saved");
            await sessions[0].CloseAsync();

            // A new session (another day, another computer): the link brings the answers back.
            var first = await IntakeDraftTests.DraftLinkAsync(fixture.App, email);
            page = await NewSessionAsync(sessions, 1);
            await page.GotoAsync(first);
            await Assertions.Expect(page.GetByTestId("draft-resumed")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Volledige naam")).ToHaveValueAsync("Later Verder");
            await Assertions.Expect(page.GetByLabel("Beschrijf wat er is gebeurd")).ToHaveValueAsync("Eerste stuk.");
            await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "draft-resumed");

            // A second pause (an hour later): the same draft, a new link; the first one stops working.
            fixture.App.Clock.Advance(TimeSpan.FromHours(1));
            await page.GetByLabel("Beschrijf wat er is gebeurd").FillAsync("Eerste stuk. Tweede stuk.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan en later verder" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uw antwoorden zijn bewaard");
            await sessions[1].CloseAsync();
            var second = await IntakeDraftTests.DraftLinkAsync(fixture.App, email);
            Assert.NotEqual(first, second);

            page = await NewSessionAsync(sessions, 2);
            await page.GotoAsync(first);
            await Assertions.Expect(page.GetByTestId("draft-unusable")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Volledige naam")).ToHaveValueAsync(string.Empty);
            await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "draft-unusable");

            await page.GotoAsync(second);
            await Assertions.Expect(page.GetByLabel("Beschrijf wat er is gebeurd")).ToHaveValueAsync("Eerste stuk. Tweede stuk.");
            await page.GetByLabel("Burgerservicenummer (BSN)").FillAsync("111222333");
            await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("27");
            await page.GetByLabel("Maand", new() { Exact = true }).FillAsync("3");
            await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync("1968");
            await page.GetByLabel("Per e-mail").CheckAsync();
            await page.GetByLabel("Financiële problemen").CheckAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "Heeft u op dit moment geen inkomen?" }).GetByLabel("Nee").CheckAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "deurwaarder" }).GetByLabel("Nee").CheckAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "Bent u in een crisis of in gevaar?" }).GetByLabel("Nee").CheckAsync();
            await page.GetByLabel("Ik geef toestemming").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Verder", Exact = true }).Last.ClickAsync();
            await page.WaitForLoadStateAsync();
            Assert.Equal(string.Empty, string.Join(" | ", await page.Locator(".error-summary li").AllInnerTextsAsync()));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Controleer uw antwoorden");
            await page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uw melding is verstuurd");

            // Sent: the draft is gone, its link with it.
            Assert.Equal(0, await fixture.App.WithDbAsync(async db => (await db.Set<IntakeDraft>().ToListAsync()).Count(d => d.Email == email)));
            await page.GotoAsync(second);
            await Assertions.Expect(page.GetByTestId("draft-unusable")).ToBeVisibleAsync();
        }
        finally
        {
            foreach (var session in sessions.Where(s => s is not null))
            {
                await session.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_link_past_its_seven_days_says_so_in_english_and_the_job_removes_the_answers()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/melden");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync("Too Late");
        await page.GetByLabel("Email address (optional)", new() { Exact = true }).FillAsync("too.late@example.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue later" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your answers have been saved");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "draft-saved-english");
        var link = await IntakeDraftTests.DraftLinkAsync(fixture.App, "too.late@example.nl");

        fixture.App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await using var later = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var again = await later.NewPageAsync();
        await again.GotoAsync(link);
        await Assertions.Expect(again.GetByTestId("draft-unusable")).ToContainTextAsync("This link no longer works");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(again, "draft-expired-english");

        await using var scope = fixture.App.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IntakeDraftCleanup>().RunAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await fixture.App.WithDbAsync(async db => (await db.Set<IntakeDraft>().ToListAsync()).Count(d => d.Email == "too.late@example.nl")));
    }
}
