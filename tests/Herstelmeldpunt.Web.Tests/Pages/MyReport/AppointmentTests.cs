using System.Net;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Cases.Bookings;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Pages.MyReport;

/// <summary>
/// Choosing when to talk (issue 29 item 2): staff offer times, the person who asked to talk about the proposal books one
/// on Mijn melding, gets a confirmation with a calendar file and a link of its own to move or cancel it once, and a
/// reminder the day before; two people never hold the same time, however many ask at once.
/// </summary>
public abstract partial class AppointmentTests(AppFactory app) : CaseTestBase(app)
{
    /// <summary>Wednesday 25 November 2026: two days after the tests' Monday.</summary>
    private static readonly DateOnly Day = new(2026, 11, 25);

    /// <summary>A case from the public form to "asked to talk about the proposal"; the person on Mijn melding.</summary>
    private async Task<(Guid Id, DecisionDesk Desk, ReporterSession Reporter)> CallRequestedAsync(bool withEmail = true)
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.AddressStreet, "Dorpsstraat 12").SetProperty(r => r.AddressPostcode, "1234 AB").SetProperty(r => r.AddressCity, "Amsterdam")
            .SetProperty(r => r.Phone, "0612345678").SetProperty(r => r.PreferredChannel, Herstelmeldpunt.Web.Reports.ContactChannel.Email)));
        await desk.ProposeAsync(caseId, D(("adopts_advice", "yes")));
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "decision_proposed"));
        var proposal = await reporter.Client.GetPageAsync("/mijn-melding/voorstel");
        var asked = await reporter.Client.PostFormAsync(proposal, "/mijn-melding/voorstel?handler=Call", formSelector: "form[action$='handler=Call']");
        Assert.Equal("/mijn-melding/afspraak?melding=bellen", asked.Location?.OriginalString);
        if (!withEmail)
        {
            await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Email, (string?)null)));
        }

        return (caseId, desk, reporter);
    }

    /// <summary>The member of staff offers times on their appointments page; returns the new slots, earliest first.</summary>
    private async Task<List<ConversationSlot>> PublishAsync(StaffSession staff, DateOnly day, string start, int count, string mode = "Phone", string? location = null)
    {
        var page = await staff.Client.GetPageAsync("/backoffice/afspraken");
        var sent = await staff.Client.PostFormAsync(page, "/backoffice/afspraken?handler=Publish", new Dictionary<string, string?>
        {
            ["Date"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Start"] = start,
            ["Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Minutes"] = "45",
            ["Mode"] = mode,
            ["Location"] = location,
            ["Purpose"] = "DecisionConversation",
        }, formSelector: "form[data-testid=publish]");
        Assert.True(sent.Status == HttpStatusCode.Redirect, $"{sent.Status}: {string.Join(" | ", sent.ErrorSummaryTexts)}");
        return await App.WithDbAsync(db => db.ConversationSlots.Where(s => s.StaffUserId == staff.Account.Id).OrderBy(s => s.StartsAt).ToListAsync());
    }

    private static DateTime Local(DateOnly day, int hour, int minute) => WorkingDayCalendar.AtLocal(day, new TimeOnly(hour, minute)).UtcDateTime;

    [Fact]
    public async Task Staff_offer_times_in_a_row_and_a_wrong_offer_is_told_and_stores_nothing()
    {
        var staff = await StaffSession.SignInAsNewAsync(App, Herstelmeldpunt.Web.Staff.StaffRoles.CustomerContact);
        var slots = await PublishAsync(staff, Day, "10:00", 3);
        Assert.Equal([Local(Day, 10, 0), Local(Day, 10, 45), Local(Day, 11, 30)], slots.Select(s => s.StartsAt));

        var page = await staff.Client.GetPageAsync("/backoffice/afspraken");
        var office = await staff.Client.PostFormAsync(page, "/backoffice/afspraken?handler=Publish", new Dictionary<string, string?>
        {
            ["Date"] = "2026-11-25",
            ["Start"] = "11:00",
            ["Count"] = "2",
            ["Minutes"] = "45",
            ["Mode"] = "Office",
            ["Location"] = "",
            ["Purpose"] = "Hearing",
        }, formSelector: "form[data-testid=publish]");
        Assert.Equal(HttpStatusCode.OK, office.Status);
        Assert.Contains("Vul het adres van het kantoor in.", office.ErrorSummaryTexts);
        Assert.Contains("Deze tijden overlappen met tijden die u al aanbood.", (await staff.Client.PostFormAsync(page, "/backoffice/afspraken?handler=Publish", new Dictionary<string, string?>
        {
            ["Date"] = "2026-11-25",
            ["Start"] = "11:00",
            ["Count"] = "1",
            ["Minutes"] = "45",
            ["Mode"] = "Video",
            ["Purpose"] = "Hearing",
        }, formSelector: "form[data-testid=publish]")).ErrorSummaryTexts);
        Assert.Equal(3, await App.WithDbAsync(db => db.ConversationSlots.CountAsync(s => s.StaffUserId == staff.Account.Id)));

        var day = await staff.Client.GetPageAsync("/backoffice/afspraken?dag=2026-11-25");
        Assert.Equal(3, day.Document.QuerySelectorAll("[data-testid=day] tbody tr").Length);
    }

    [Fact]
    public async Task A_booking_is_confirmed_with_a_calendar_file_and_moved_by_its_own_link_which_then_no_longer_works()
    {
        var (caseId, desk, reporter) = await CallRequestedAsync();
        var slots = await PublishAsync(desk.Contact, Day, "14:00", 2);

        var choose = await reporter.Client.GetPageAsync("/mijn-melding/afspraak");
        Assert.NotNull(choose.Document.QuerySelector($"input[name=SlotId][value='{slots[0].Id}']"));
        var booked = await reporter.Client.PostFormAsync(choose, "/mijn-melding/afspraak?handler=Book", new Dictionary<string, string?> { ["SlotId"] = slots[0].Id.ToString() }, formSelector: "form[data-testid=slot-form]");
        Assert.Equal("/mijn-melding/afspraak?melding=gemaakt", booked.Location?.OriginalString);
        Assert.Equal(caseId, (await App.WithDbAsync(db => db.ConversationSlots.SingleAsync(s => s.Id == slots[0].Id))).CaseId);
        var mine = await reporter.Client.GetPageAsync("/mijn-melding/afspraak");
        Assert.Contains("woensdag 25 november 2026 om 14:00 uur", mine.Document.QuerySelector("[data-testid=appointment]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("woensdag 25 november 2026 om 14:00 uur", (await reporter.Client.GetPageAsync("/mijn-melding")).Document.QuerySelector("[data-testid=appointment-notice]")!.TextContent, StringComparison.Ordinal);

        // The confirmation: when and how, the calendar file (parsed back), and a link of its own.
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "conversation_booked"));
        Assert.Contains("woensdag 25 november 2026 om 14:00 uur", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wij bellen u op het telefoonnummer dat u ons gaf.", mail.TextBody, StringComparison.Ordinal);
        var calendarEvent = Calendar.Load(mail.CalendarFile!)!.Events.Single();
        Assert.Equal((slots[0].StartsAt, slots[0].EndsAt), (calendarEvent.Start!.AsUtc, calendarEvent.End!.AsUtc));
        Assert.Equal("Gesprek over het voorgenomen besluit (Meldpunt herstelactie)", calendarEvent.Summary);
        var calendarFile = await reporter.Client.GetAsync(new Uri("/mijn-melding/afspraak?handler=Calendar", UriKind.Relative));
        Assert.Equal("text/calendar", calendarFile.Content.Headers.ContentType?.MediaType);
        Assert.Equal(slots[0].StartsAt, Calendar.Load(await calendarFile.Content.ReadAsStringAsync())!.Events.Single().Start!.AsUtc);
        var link = ManageLink().Match(mail.TextBody).Groups[1].Value;

        // Moved by that link, without signing in: the old time is free again, a new confirmation with a new link.
        var stranger = new ReporterSession(App).Client;
        var manage = await stranger.GetPageAsync(link);
        Assert.Contains("14:00", manage.Document.QuerySelector("[data-testid=appointment]")!.TextContent, StringComparison.Ordinal);
        var moved = await stranger.PostFormAsync(manage, link + "?handler=Book", new Dictionary<string, string?> { ["SlotId"] = slots[1].Id.ToString() }, formSelector: "form[data-testid=slot-form]");
        Assert.Equal("Moved", moved.Document.QuerySelector("[data-testid=done]")?.GetAttribute("data-done"));
        var after = await App.WithDbAsync(db => db.ConversationSlots.Where(s => s.StaffUserId == desk.Contact.Account.Id).OrderBy(s => s.StartsAt).ToListAsync());
        Assert.Equal(((Guid?)null, (Guid?)caseId), (after[0].CaseId, after[1].CaseId));
        Assert.Equal(["conversation_booked", "conversation_moved"], await App.WithDbAsync(db => db.CaseEvents.Where(e => e.CaseId == caseId && e.Kind.StartsWith("conversation_")).OrderBy(e => e.At).Select(e => e.Kind).ToListAsync()));
        var confirmations = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "conversation_booked").ToListAsync());
        Assert.Equal(2, confirmations.Count);
        var second = Assert.Single(confirmations, m => m.TextBody.Contains("om 14:45 uur", StringComparison.Ordinal));
        var newLink = ManageLink().Match(second.TextBody).Groups[1].Value;
        Assert.NotEqual(link, newLink);

        // The used link: said so, and a second move by it changes nothing.
        Assert.NotNull((await stranger.GetPageAsync(link)).Document.QuerySelector("[data-testid=link-used]"));
        var again = await stranger.PostFormAsync(manage, link + "?handler=Book", new Dictionary<string, string?> { ["SlotId"] = slots[0].Id.ToString() }, formSelector: "form[data-testid=slot-form]");
        Assert.NotNull(again.Document.QuerySelector("[data-testid=link-used]"));
        Assert.Null((await App.WithDbAsync(db => db.ConversationSlots.SingleAsync(s => s.Id == slots[0].Id))).CaseId);

        // Staff see it on their day; cancelled by the new link, the time is free and the person is told.
        var staffDay = await desk.Contact.Client.GetPageAsync("/backoffice/afspraken?dag=2026-11-25");
        var reference = await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.ReferenceNumber).SingleAsync());
        Assert.Equal(reference, staffDay.Document.QuerySelector($"tr[data-slot='{slots[1].Id}'] [data-testid=booked]")?.TextContent);
        var newPage = await stranger.GetPageAsync(newLink);
        var cancelled = await stranger.PostFormAsync(newPage, newLink + "?handler=Cancel", formSelector: "form[action$='handler=Cancel']");
        Assert.Equal("Cancelled", cancelled.Document.QuerySelector("[data-testid=done]")?.GetAttribute("data-done"));
        Assert.Null((await App.WithDbAsync(db => db.ConversationSlots.SingleAsync(s => s.Id == slots[1].Id))).CaseId);
        Assert.Equal(1, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == caseId && m.Template == "conversation_cancelled")));
        Assert.NotNull((await reporter.Client.GetPageAsync("/mijn-melding")).Document.QuerySelector("[data-testid=appointment-notice] a[href='/mijn-melding/afspraak']"));
    }

    [Fact]
    public async Task A_reminder_goes_the_day_before_once_and_someone_without_email_gets_the_time_by_letter()
    {
        var (caseId, desk, reporter) = await CallRequestedAsync();
        var slots = await PublishAsync(desk.Contact, Day, "09:00", 1);
        var choose = await reporter.Client.GetPageAsync("/mijn-melding/afspraak");
        await reporter.Client.PostFormAsync(choose, "/mijn-melding/afspraak?handler=Book", new Dictionary<string, string?> { ["SlotId"] = slots[0].Id.ToString() }, formSelector: "form[data-testid=slot-form]");

        async Task<int> RemindAsync()
        {
            using var scope = App.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ConversationReminders>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(0, await RemindAsync()); // Monday: the conversation is on Wednesday
        App.Clock.AdjustTime(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)); // Tuesday 09:00 in Amsterdam
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        var reminder = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "conversation_reminder"));
        Assert.Contains("woensdag 25 november 2026 om 09:00 uur", reminder.TextBody, StringComparison.Ordinal);

        // Without an email address: the confirmation is a letter with the time (a reminder by post would come too late).
        App.Clock.AdjustTime(AppFactory.DefaultNow);
        var (noEmail, desk2, person) = await CallRequestedAsync(withEmail: false);
        var more = await PublishAsync(desk2.Contact, Day, "15:00", 1);
        var page = await person.Client.GetPageAsync("/mijn-melding/afspraak");
        await person.Client.PostFormAsync(page, "/mijn-melding/afspraak?handler=Book", new Dictionary<string, string?> { ["SlotId"] = more[0].Id.ToString() }, formSelector: "form[data-testid=slot-form]");
        Assert.Null((await App.WithDbAsync(db => db.ConversationSlots.SingleAsync(s => s.Id == more[0].Id))).ManageTokenHash);
        var letter = PdfText.All(await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == noEmail && l.Template == "conversation_booked").Select(l => l.Pdf).SingleAsync()));
        Assert.Contains("woensdag 25 november 2026 om 15:00 uur", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_many_people_asking_for_the_same_time_at_once_exactly_one_gets_it_and_the_others_are_told()
    {
        var staff = await StaffSession.SignInAsNewAsync(App, Herstelmeldpunt.Web.Staff.StaffRoles.CustomerContact);
        var slot = (await PublishAsync(staff, new DateOnly(2026, 11, 26), "10:00", 1)).Single();

        // Six people who asked to talk (the state is set directly: the race is about the time, not the way there).
        var people = new List<(Guid Id, ReporterSession Session, HtmlPage Page)>();
        for (var i = 0; i < 6; i++)
        {
            var bsn = TestBsn.Next();
            var answers = IntakeJourney.ValidAnswers(CaseSteps.DefaultName(bsn));
            answers["Form.Bsn"] = bsn;
            answers["Form.Email"] = $"afspraak.{bsn}@example.nl";
            var receipt = await new IntakeJourney(App).FileReportAsync(answers);
            var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
            var id = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
            await App.WithDbAsync(db => db.WorkflowInstances.Where(w => w.Id == id).ExecuteUpdateAsync(s => s.SetProperty(w => w.State, "view_call_requested")));
            var session = new ReporterSession(App);
            await session.OpenAsync(await ReporterSession.LinkFromMailAsync(App, id, "receipt"));
            people.Add((id, session, await session.Client.GetPageAsync("/mijn-melding/afspraak")));
        }

        var answersAtOnce = await Task.WhenAll(people.Select(p => p.Session.Client.PostFormAsync(p.Page, "/mijn-melding/afspraak?handler=Book",
            new Dictionary<string, string?> { ["SlotId"] = slot.Id.ToString() }, formSelector: "form[data-testid=slot-form]")));

        Assert.Single(answersAtOnce, a => a.Location?.OriginalString == "/mijn-melding/afspraak?melding=gemaakt");
        Assert.Equal(5, answersAtOnce.Count(a => a.ErrorSummaryTexts.Contains("Deze tijd is net door iemand anders gekozen. Kies een andere tijd.")));
        var holder = (await App.WithDbAsync(db => db.ConversationSlots.SingleAsync(s => s.Id == slot.Id))).CaseId;
        var winner = people[Array.FindIndex(answersAtOnce, a => a.Location is not null)].Id;
        Assert.Equal(winner, holder);
        var ids = people.Select(p => p.Id).ToList();
        Assert.Equal(1, await App.WithDbAsync(db => db.CaseEvents.CountAsync(e => ids.Contains(e.CaseId) && e.Kind == "conversation_booked")));
        Assert.Equal(1, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId != null && ids.Contains(m.CaseId.Value) && m.Template == "conversation_booked")));
    }

    [GeneratedRegex(@"https?://[^\s/]+(/afspraak/[A-Za-z0-9_-]+)")]
    private static partial Regex ManageLink();
}

public sealed class AppointmentTestsOnSqlite(SqliteAppFactory app) : AppointmentTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AppointmentTestsOnPostgres(PostgresAppFactory app) : AppointmentTests(app), IClassFixture<PostgresAppFactory>;
