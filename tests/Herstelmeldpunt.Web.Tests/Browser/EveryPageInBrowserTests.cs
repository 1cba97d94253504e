using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>
/// Every page a person, a reporter or a member of staff opens, in Dutch and in English, in Chromium: answers, has no axe
/// finding and reflows at 320 px (issue 31: the NL Design System look on every page). The journeys elsewhere cover the
/// states in between (errors, sent, done); this sweep makes sure no page is left out of the look.
/// </summary>
public sealed class EveryPageInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Public = ["/", "/melden", "/privacy", "/servicenormen", "/toegankelijkheid", "/voortgang", "/klacht", "/mijn-melding/link-aanvragen", "/api"];

    private static readonly string[] Reporter = ["/mijn-melding", "/mijn-melding/contact", "/mijn-melding/intrekken", "/mijn-melding/slechter", "/mijn-melding/afspraak", "/mijn-melding/klacht", "/mijn-melding/terugbellen"];

    private static readonly string[] Staff =
    [
        "/backoffice", "/backoffice/werkvoorraad", "/backoffice/meldingen", "/backoffice/meldingen/{id}", "/backoffice/meldingen/{id}/e-mailadres",
        "/backoffice/meldingen/{id}/stand-van-zaken", "/backoffice/meldingen/{id}/terugbellen", "/backoffice/meldingen/{id}/situatie", "/backoffice/meldingen/{id}/klacht",
        "/backoffice/meldingen/{id}/beslistermijn", "/backoffice/meldingen/nieuw", "/backoffice/meldingen/herverdelen", "/backoffice/dashboard", "/backoffice/dashboard/urgent",
        "/backoffice/afspraken", "/backoffice/klachten", "/backoffice/rapportages", "/backoffice/filters", "/backoffice/processen", "/backoffice/brieven",
        "/backoffice/account", "/backoffice/account/wachtwoord-wijzigen", "/backoffice/beheer/accounts", "/backoffice/beheer/accounts/uitnodigen", "/backoffice/beheer/logboek",
        "/backoffice/beheer/koppelingen", "/backoffice/beheer/koppelingen/nieuw", "/backoffice/beheer/export", "/backoffice/privacy/toegang", "/backoffice/privacy/inzage",
        "/backoffice/privacy/bewaartermijnen", "/backoffice/doelgroep", "/backoffice/doelgroep/importeren", "/backoffice/doelgroep/brieven", "/backoffice/doelgroep/niet-gemeld",
    ];

    private static async Task VisitAsync(IPage page, string path, string language)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Status: < 400 }, $"{path} ({language}) answered {response?.Status}");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, $"every-{language}{path.Replace('/', '-')}");
    }

    private static async Task SpeakAsync(IPage page, string language) =>
        await page.GotoAsync($"/taal/{language}?terug=/");

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Every_public_and_reporter_page_has_no_axe_finding_and_reflows(string language)
    {
        var answers = IntakeJourney.ValidAnswers("Elke Pagina");
        answers["Form.Email"] = $"elke.{Guid.NewGuid().ToString("N")[..8]}@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        if (language == "en")
        {
            await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, "en")));
        }

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SpeakAsync(page, language);
        foreach (var path in Public)
        {
            await VisitAsync(page, path, language);
        }

        await page.GotoAsync(new Uri(await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "receipt")).PathAndQuery);
        await page.GetByTestId("open").ClickAsync();
        foreach (var path in Reporter)
        {
            await VisitAsync(page, path, language);
        }
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Every_back_office_page_has_no_axe_finding_and_reflows(string language)
    {
        var answers = IntakeJourney.ValidAnswers("Elke Staf Pagina");
        answers["Form.FilingFor"] = "other";
        answers["Form.RepresentativeAuthorised"] = "true";
        answers["Form.RepresentativeName"] = "Hulp Elke";
        answers["Form.RepresentativeRelation"] = "Buurman";
        answers["Form.RepresentativeEmail"] = "hulp.elke@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await fixture.SignInStaffAsync(page, await StaffSession.CreateAccountAsync(fixture.App, [.. StaffRoles.All]));
        await SpeakAsync(page, language);
        foreach (var path in Staff)
        {
            await VisitAsync(page, path.Replace("{id}", caseId.ToString(), StringComparison.Ordinal), language);
        }
    }
}
