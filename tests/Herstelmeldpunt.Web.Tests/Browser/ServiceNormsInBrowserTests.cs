using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>The service norms and the accessibility statement in a real browser: reached from the footer, axe 0, no reflow at 320 px, Dutch and English.</summary>
public sealed class ServiceNormsInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("nl", "Hoe snel wij antwoorden", "Toegankelijkheid")]
    [InlineData("en", "How fast we answer", "Accessibility")]
    public async Task Both_pages_are_reached_from_the_footer_and_accessible(string language, string norms, string accessibility)
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/taal/{language}");
        await page.GotoAsync("/");
        foreach (var link in new[] { norms, accessibility })
        {
            await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, $"{link}-{language}"); // axe, and no reflow at 320 px
        }
    }
}
