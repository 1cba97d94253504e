using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>A person files a report in a real browser, without help from scripts (the site ships none).</summary>
public sealed class IntakeJourneyInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Person_fills_in_the_form_checks_answers_sends_and_sees_the_receipt_with_no_accessibility_violations()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var name = "Browser Persoon " + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/");
        await AssertAccessibleAsync(page, "home");
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding doen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Melding doen");
        await AssertAccessibleAsync(page, "form");

        // First try with a typo in the BSN: the error summary names it and links to the field.
        await page.GetByLabel("Voor mezelf").CheckAsync();
        await page.GetByLabel("Volledige naam").FillAsync(name);
        await page.GetByLabel("Burgerservicenummer (BSN)").FillAsync("111222334");
        await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("27");
        await page.GetByLabel("Maand", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync("1968");
        await page.GetByLabel("E-mailadres (niet verplicht)", new() { Exact = true }).FillAsync("persoon@example.nl");
        await page.GetByLabel("Telefonisch").CheckAsync();
        await page.GetByLabel("Per e-mail").CheckAsync();
        await page.GetByLabel("'s Middags (12.00 tot 17.00 uur)").CheckAsync();
        await page.GetByLabel("Financiële problemen").CheckAsync();
        await page.GetByLabel("Beschrijf wat er is gebeurd").FillAsync("Sinds de herbeoordeling heb ik schulden.");
        await page.GetByRole(AriaRole.Group, new() { Name = "Heeft u op dit moment geen inkomen?" }).GetByLabel("Nee").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "deurwaarder" }).GetByLabel("Ja").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Bent u in een crisis of in gevaar?" }).GetByLabel("Nee").CheckAsync();
        await page.GetByLabel("Ik geef toestemming").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder", Exact = true }).Last.ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Dit BSN bestaat niet");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Fout:"));
        await Assertions.Expect(page.GetByLabel("Volledige naam")).ToHaveValueAsync(name);
        await AssertAccessibleAsync(page, "form-with-error");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Burgerservicenummer (BSN)")).ToBeFocusedAsync();

        // Correct it; press Enter in the field, as many people do: that must continue, not switch language.
        await page.GetByLabel("Burgerservicenummer (BSN)").FillAsync("1112 22 333");
        await page.GetByLabel("Burgerservicenummer (BSN)").PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Controleer uw antwoorden");
        await Assertions.Expect(page.Locator("dl").First).ToContainTextAsync("111222333");
        await AssertAccessibleAsync(page, "check-answers");

        // A document sent with the report (evidence): chosen on the check page, sent with "Send".
        await page.GetByLabel("Documenten").SetInputFilesAsync(new FilePayload
        {
            Name = "besluit herbeoordeling.pdf",
            MimeType = "application/pdf",
            Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });

        // An impatient double click sends the form twice: one report, one receipt.
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).DblClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uw melding is verstuurd");
        var reference = (await page.GetByTestId("reference").TextContentAsync())!.Trim();
        Assert.True(ReferenceNumber.IsValid(reference), reference);
        Assert.DoesNotContain("111222333", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page, "receipt");

        var stored = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.NameIndex == db.Cipher.NameIndex(name)).ToListAsync());
        var report = Assert.Single(stored);
        Assert.Equal(reference, report.ReferenceNumber);
        Assert.Equal("besluit herbeoordeling.pdf", (await fixture.App.WithDbAsync(db => db.CaseDocuments.SingleAsync(d => d.CaseId == report.Id))).FileName);
        Assert.Equal(UrgencyLevel.High, report.Urgency);
    }

    [Fact]
    public async Task Form_works_on_a_phone_sized_screen_in_english_with_no_accessibility_violations()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/melden");
        await page.GetByLabel("Volledige naam").FillAsync("Kept While Switching");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Make a report");
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Kept While Switching");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await AssertAccessibleAsync(page, "phone-english");
    }

    [Fact]
    public async Task Body_over_the_server_limit_is_refused_with_400_and_a_plain_page_on_real_kestrel()
    {
        var before = await fixture.App.WithDbAsync(db => db.Reports.CountAsync());
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var body = new StringContent("Form.Description=" + new string('a', 2_000_000), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync(new Uri("/melden?handler=Submit", UriKind.Relative), body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Dit verzoek kunnen wij niet verwerken", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.App.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task When_the_node_takes_no_more_reports_the_check_page_keeps_the_answers_with_no_accessibility_violations()
    {
        await using var busy = new SqliteAppFactory();
        busy.Settings["Cookies:SecurePolicy"] = "SameAsRequest";
        busy.Settings["Intake:ReportsPerMinute"] = "0"; // every send over the ceiling
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = busy.StartOnLoopback().ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/melden");
        await page.GetByLabel("Voor mezelf").CheckAsync();
        await page.GetByLabel("Volledige naam").FillAsync("Drukke Dag");
        await page.GetByLabel("Burgerservicenummer (BSN)").FillAsync("111222333");
        await page.GetByLabel("Dag", new() { Exact = true }).FillAsync("27");
        await page.GetByLabel("Maand", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Jaar", new() { Exact = true }).FillAsync("1968");
        await page.GetByLabel("E-mailadres (niet verplicht)", new() { Exact = true }).FillAsync("druk@example.nl");
        await page.GetByLabel("Per e-mail").CheckAsync();
        await page.GetByLabel("Financiële problemen").CheckAsync();
        await page.GetByLabel("Beschrijf wat er is gebeurd").FillAsync("Sinds de herbeoordeling heb ik schulden.");
        await page.GetByRole(AriaRole.Group, new() { Name = "Heeft u op dit moment geen inkomen?" }).GetByLabel("Nee").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "deurwaarder" }).GetByLabel("Nee").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Bent u in een crisis of in gevaar?" }).GetByLabel("Nee").CheckAsync();
        await page.GetByLabel("Ik geef toestemming").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder", Exact = true }).Last.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Controleer uw antwoorden");

        await page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Controleer uw antwoorden");
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Het is nu erg druk");
        await Assertions.Expect(page.Locator("dl").First).ToContainTextAsync("Drukke Dag");
        await AssertAccessibleAsync(page, "check-answers-busy");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" })).ToBeFocusedAsync();
        Assert.Equal(0, await busy.WithDbAsync(db => db.Reports.CountAsync()));
    }

    internal static async Task AssertAccessibleAsync(IPage page, string step)
    {
        if (BrowserFixture.ScreenshotDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, step + ".png"), FullPage = true });
        }

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(violations.Count == 0, $"axe on '{step}':\n" + string.Join('\n', violations));

        // Reflow (WCAG 1.4.10): at 320 CSS px nothing may need sideways scrolling of the page itself
        // (a wide data table scrolls inside its own container).
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(320, 640);
        var overflow = await page.EvaluateAsync<string>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1 ? [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll, .diagram-scroll')).slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ') || 'page' : ''");
        if (size is not null)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }

        Assert.True(overflow.Length == 0, $"'{step}' scrolls sideways at 320 px: {overflow}");
    }
}
