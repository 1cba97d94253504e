using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>The person who was harmed on Mijn melding in a real browser, keyboard and no scripts, with axe on every page state.</summary>
public sealed class MyReportInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_reporter_opens_the_emailed_link_reads_the_question_answers_it_and_can_ask_for_a_new_link()
    {
        var answers = IntakeJourney.ValidAnswers("Browser Melder");
        answers["Form.Email"] = "browser.melder@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id)));
        // Intake staff ask their question (the staff pages are tested elsewhere; here the step is taken directly).
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var version = await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.Version)));
            var outcome = await scope.ServiceProvider.GetRequiredService<CaseWorkflow>().ApplyAsync(caseId, "request_information",
                new Actor("intake-1", "Medewerker Intake", new HashSet<string> { StaffRoles.IntakeStaff }),
                new TransitionInput(version, new Dictionary<string, string?> { ["question"] = "Wanneer was uw herbeoordeling?", ["answer_by"] = Herstelmeldpunt.Web.Common.AmsterdamTime.Today(fixture.App.Clock).AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, null), CancellationToken.None);
            Assert.True(outcome.Applied);
        }

        var link = await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "more_information_needed");

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        await Assertions.Expect(page.GetByTestId("open-question")).ToHaveTextAsync("Wanneer was uw herbeoordeling?");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-question");

        await page.GetByRole(AriaRole.Button, new() { Name = "Antwoord versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Schrijf uw antwoord");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-answer-error");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Uw antwoord")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("In maart 2025. De brief stuur ik mee.");
        await page.Locator("#AnswerFiles").SetInputFilesAsync(new FilePayload
        {
            Name = "brief herbeoordeling.pdf",
            MimeType = "application/pdf",
            Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwoord versturen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Wij hebben uw antwoord ontvangen");
        await Assertions.Expect(page.GetByTestId("documents")).ToContainTextAsync("brief herbeoordeling.pdf");
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveAttributeAsync("data-state", "screening");
        await Assertions.Expect(page.GetByTestId("steps").Locator("[aria-current=step]")).ToContainTextAsync("Melding ontvangen en bekeken"); // the step indicator
        await Assertions.Expect(page.GetByTestId("conversation")).ToContainTextAsync("In maart 2025.");
        Assert.Equal("screening", await fixture.App.StateAsync(caseId)); // the case moved on by itself
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-answered");

        await page.GetByRole(AriaRole.Link, new() { Name = "Contactgegevens of taal wijzigen" }).ClickAsync();
        await page.Locator("#Form_Email").FillAsync("geen adres");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("naam@voorbeeld.nl");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-contact-error");
        await page.Locator("#Form_Email").FillAsync("browser.melder@example.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw gegevens zijn opgeslagen");

        await page.GetByRole(AriaRole.Link, new() { Name = "Melding intrekken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-withdraw")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-withdraw");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nee, terug" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(page.GetByTestId("link-unusable")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-link-used");
        await page.GetByRole(AriaRole.Link, new() { Name = "Link aanvragen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Link aanvragen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vul uw referentienummer in");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-request-errors");
        await page.Locator("#Reference").FillAsync(reference);
        await page.GetByLabel("E-mailadres").FillAsync("browser.melder@example.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link aanvragen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("link-requested")).ToContainTextAsync("Kijk in uw e-mail");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-requested");

        // The same at phone size in English.
        await page.SetViewportSizeAsync(320, 640);
        await page.GotoAsync("/taal/en?terug=/mijn-melding/link-aanvragen");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ask for a link to My report");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 320 px");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-request-en-320");
    }

    [Fact]
    public async Task An_english_reporter_without_a_phone_opens_the_link_in_english_reads_their_report_and_withdraws_it()
    {
        var answers = IntakeJourney.ValidAnswers("English Melder");
        answers["Form.Email"] = "english.melder@example.nl";
        answers["Form.Phone"] = "";
        answers["Form.PreferredChannel"] = "Email";
        answers.Remove("Form.PreferredTime");
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id)));
        await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(db.Reports.Where(r => r.Id == caseId), u => u.SetProperty(r => r.Language, "en")));
        var link = await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "receipt");

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Open My report"); // the link's report is in English
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-open-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open My report" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("My report");
        Assert.DoesNotContain("we will call you", (await page.Locator("main").InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal); // nobody to call
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-en-email-only");

        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw report" }).ClickAsync();
        await page.GetByTestId("confirm-withdraw").ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-uploads-withdrawn")).ToContainTextAsync("You have withdrawn your report");
        Assert.Equal("withdrawn", await fixture.App.StateAsync(caseId));
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-withdrawn-en");
    }

    [Fact]
    public async Task Someone_without_email_asks_for_a_link_by_post_opens_the_printed_link_and_reads_their_letters()
    {
        var answers = IntakeJourney.ValidAnswers("Post Melder");
        answers["Form.Email"] = "";
        answers["Form.AddressStreet"] = "Dorpsstraat 12";
        answers["Form.AddressPostcode"] = "1234 AB";
        answers["Form.AddressCity"] = "Amsterdam";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/mijn-melding/link-aanvragen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link per post aanvragen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vul de geboortedatum in");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-request-by-post-errors");
        await page.Locator("#PostReference").FillAsync(reference);
        await page.Locator("#BirthDay").FillAsync("27");
        await page.Locator("#PostBirthMonth").FillAsync("3");
        await page.Locator("#PostBirthYear").FillAsync("1968");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link per post aanvragen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("link-requested-by-post")).ToContainTextAsync("Wij sturen u een brief");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-requested-by-post");

        var letter = await fixture.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.CaseLetters.Where(l => l.Template == Herstelmeldpunt.Web.Letters.ReporterLetters.AccessLinkByPost && db.Reports.Any(r => r.Id == l.CaseId && r.ReferenceNumber == reference))));
        var link = System.Text.RegularExpressions.Regex.Match(Letters.PdfText.All(letter.Pdf), @"https?://\S+/mijn-melding/link/[A-Za-z0-9_-]+").Value;
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByTestId("open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("letters")).ToContainTextAsync("Wij hebben uw melding ontvangen");
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "Mijn melding scrolls sideways at 320 px");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "my-report-letters-320");
    }
}
