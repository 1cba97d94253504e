using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>The change of email address in Chromium (issue 31 item 3): every state of its pages with axe and the 320 px check, NL and EN.</summary>
public sealed class EmailChangeInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_person_changes_the_address_confirms_it_from_the_new_mailbox_and_the_old_mailbox_can_undo_it()
    {
        var answers = IntakeJourney.ValidAnswers("Adres Browser");
        answers["Form.Email"] = $"oud.{Guid.NewGuid().ToString("N")[..8]}@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "receipt")).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).ClickAsync();
        await page.GotoAsync("/mijn-melding/contact");
        await page.GetByLabel("E-mailadres", new() { Exact = false }).First.FillAsync("nieuw.browser@example.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Wij hebben een link gestuurd naar het nieuwe e-mailadres");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "email-change-sent");
        await page.GotoAsync("/mijn-melding/contact");
        await Assertions.Expect(page.GetByTestId("email-waiting")).ToContainTextAsync("nieuw.browser@example.nl");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "email-change-waiting");

        await using var newMailbox = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var confirm = await newMailbox.NewPageAsync();
        var confirmLink = await ReporterSession.EmailChangeLinkFromMailAsync(fixture.App, caseId);
        await confirm.GotoAsync(confirmLink);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(confirm, "email-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, gebruik dit e-mailadres" }).ClickAsync();
        await Assertions.Expect(confirm.GetByTestId("email-confirmed")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(confirm, "email-confirmed");
        await confirm.GotoAsync(confirmLink);
        await Assertions.Expect(confirm.GetByTestId("link-unusable")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(confirm, "email-confirm-used");

        await using var oldMailbox = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var undo = await oldMailbox.NewPageAsync();
        await undo.GotoAsync(await ReporterSession.EmailChangeLinkFromMailAsync(fixture.App, caseId, undo: true));
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(undo, "email-undo");
        await undo.GetByRole(AriaRole.Button, new() { Name = "Maak de wijziging ongedaan" }).ClickAsync();
        await Assertions.Expect(undo.GetByTestId("email-undone")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(undo, "email-undone");
        Assert.Equal(answers["Form.Email"], await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Email).SingleAsync()));

        // Staff on the person's behalf, in English: the error and the sent state.
        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.CustomerContact]));
        await staff.GotoAsync($"/backoffice/meldingen/{caseId}");
        await staff.GetByTestId("email-link").ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send the confirmation link" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter the new email address");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "email-staff-error-en");
        await staff.GetByLabel("New email address").FillAsync("via.staf@example.nl");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send the confirmation link" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("email-waiting")).ToContainTextAsync("via.staf@example.nl");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "email-staff-sent-en");
    }
}
