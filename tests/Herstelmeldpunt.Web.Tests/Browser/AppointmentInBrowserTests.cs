using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>Choosing when to talk in a real browser: staff offer times, the person books by keyboard and moves by the link of the booking; axe and the 320 px reflow check on every state, Dutch and English.</summary>
public sealed partial class AppointmentInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A filed report whose person asked to talk about the proposal (the state set directly: the way there is tested elsewhere); the link to Mijn melding.</summary>
    private async Task<(Guid CaseId, string Link)> CallRequestedAsync(string language)
    {
        var answers = IntakeJourney.ValidAnswers("Afspraak Browser");
        answers["Form.Email"] = $"{Guid.NewGuid():N}@example.nl";
        var receipt = await new IntakeJourney(fixture.App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        await fixture.App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, language)));
        await fixture.App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, "view_call_requested")));
        return (caseId, await ReporterSession.LinkFromMailAsync(fixture.App, caseId, "receipt"));
    }


    [Fact]
    public async Task Staff_offer_times_and_the_person_books_one_by_keyboard_then_moves_it_by_the_link_in_the_mail()
    {
        await using var staffContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var staff = await staffContext.NewPageAsync();
        await fixture.SignInStaffAsync(staff, await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.CustomerContact]));
        await staff.GotoAsync("/backoffice/afspraken");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "appointments-empty");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Tijden aanbieden" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vul een begintijd in");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "appointments-error");
        await staff.GetByLabel("Dag", new() { Exact = true }).FillAsync("2026-11-25");
        await staff.GetByLabel("Begintijd van het eerste gesprek").FillAsync("10:00");
        await staff.GetByLabel("Aantal gesprekken achter elkaar").FillAsync("2");
        await staff.GetByLabel("Telefoon").CheckAsync();
        await staff.GetByLabel("Gesprek over het voorgenomen besluit").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Tijden aanbieden" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("De tijden zijn aangeboden.");
        await Assertions.Expect(staff.GetByTestId("day").Locator("tbody tr")).ToHaveCountAsync(2);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "appointments-day");

        var (caseId, link) = await CallRequestedAsync("nl");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn melding openen" }).ClickAsync();
        await page.GetByTestId("appointment-notice").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Kies een tijd voor uw gesprek");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "appointment-choose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak maken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies een tijd.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "appointment-error");
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#SlotId")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak maken" }).PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw afspraak staat vast.");
        await Assertions.Expect(page.GetByTestId("appointment")).ToContainTextAsync("woensdag 25 november 2026 om 10:00 uur");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "appointment-booked");

        // The link in the confirmation, in a browser without a session.
        var mail = await fixture.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "conversation_booked").Select(m => m.TextBody).SingleAsync());
        var manageLink = ManageLink().Match(mail).Groups[1].Value;
        await using var other = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var manage = await other.NewPageAsync();
        await manage.GotoAsync(manageLink);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(manage, "appointment-manage");
        await manage.GetByLabel("woensdag 25 november 2026 10:45–11:30").CheckAsync();
        await manage.GetByRole(AriaRole.Button, new() { Name = "Verzetten naar deze tijd" }).ClickAsync();
        await Assertions.Expect(manage.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw afspraak is verzet.");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(manage, "appointment-moved");
        await manage.GotoAsync(manageLink);
        await Assertions.Expect(manage.GetByTestId("link-used")).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(manage, "appointment-link-used");

        await staff.GotoAsync("/backoffice/afspraken?dag=2026-11-25");
        await Assertions.Expect(staff.GetByTestId("booked")).ToHaveCountAsync(1);
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(staff, "appointments-day-booked");
    }

    [Fact]
    public async Task Someone_who_filed_in_english_books_in_english()
    {
        var staff = await StaffSession.CreateAccountAsync(fixture.App, [StaffRoles.CustomerContact]);
        await fixture.App.WithDbAsync(db =>
        {
            db.ConversationSlots.Add(new Herstelmeldpunt.Web.Cases.Bookings.ConversationSlot
            {
                Id = Guid.NewGuid(),
                StaffUserId = staff.Id,
                StartsAt = new DateTime(2026, 11, 26, 13, 0, 0, DateTimeKind.Utc),
                Minutes = 30,
                Mode = Herstelmeldpunt.Web.Cases.Bookings.SlotMode.Office,
                Location = "Kantoor Amsterdam, Hoofdstraat 1",
                Purpose = Herstelmeldpunt.Web.Cases.Bookings.ConversationPurpose.DecisionConversation,
                CreatedAt = fixture.App.Clock.GetUtcNow().UtcDateTime,
            });
            return db.SaveChangesAsync();
        });
        var (_, link) = await CallRequestedAsync("en");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open My report" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose a time for your conversation" }).ClickAsync();
        await Assertions.Expect(page.GetByText("At our office: Kantoor Amsterdam, Hoofdstraat 1").First).ToBeVisibleAsync();
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "appointment-choose-en");
        await page.GetByLabel("Thursday 26 November 2026 14:00–14:30").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your appointment is booked.");
        await Assertions.Expect(page.GetByTestId("appointment")).ToContainTextAsync("Thursday 26 November 2026 at 14:00");
        await IntakeJourneyInBrowserTests.AssertAccessibleAsync(page, "appointment-booked-en");
    }

    [GeneratedRegex(@"https?://[^\s/]+(/afspraak/[A-Za-z0-9_-]+)")]
    private static partial Regex ManageLink();
}
