using System.Net;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Herstelmeldpunt.Web.Tests.Pages.MyReport;

/// <summary>
/// A changed email address is confirmed from its own mailbox before we use it; the old address is told and can undo it;
/// until then messages go to the old address. For the person, their representative, and staff acting on their behalf.
/// </summary>
public abstract class EmailChangeTests(AppFactory app) : CaseTestBase(app)
{
    private async Task<(Guid Id, string Reference, ReporterSession Reporter)> FileAndSignInAsync(string email, Action<Dictionary<string, string?>>? more = null)
    {
        var answers = IntakeJourney.ValidAnswers("Adres Wijziger");
        answers["Form.Email"] = email;
        more?.Invoke(answers);
        var receipt = await new IntakeJourney(App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var id = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, id, "receipt"));
        return (id, reference, reporter);
    }

    private static async Task<HtmlPage> ChangeAsync(ReporterSession reporter, string email)
    {
        var form = await reporter.Client.GetPageAsync("/mijn-melding/contact");
        return await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?> { ["Form.Email"] = email });
    }

    private Task<string?> EmailOfAsync(Guid caseId) => App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Email).SingleAsync());

    private Task<List<string>> MailsAsync(Guid caseId, string template) =>
        App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == template).OrderBy(m => m.CreatedAt).Select(m => m.ToAddress).ToListAsync());

    [Fact]
    public async Task A_new_address_is_used_only_once_confirmed_and_until_then_messages_go_to_the_old_one()
    {
        var (caseId, reference, reporter) = await FileAndSignInAsync("eerst@example.nl");
        var saved = await ChangeAsync(reporter, "daarna@example.nl");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var overview = await reporter.Client.GetPageAsync(saved.Location!.OriginalString);
        Assert.Contains("Wij hebben een link gestuurd naar het nieuwe e-mailadres", overview.Html, StringComparison.Ordinal);
        Assert.Equal("eerst@example.nl", await EmailOfAsync(caseId));
        Assert.Equal(["daarna@example.nl"], await MailsAsync(caseId, "email_confirm"));
        Assert.Equal(["eerst@example.nl"], await MailsAsync(caseId, "email_change_requested"));

        // The contact page says what waits, and until when (7 days: Monday 30 November 09:30 → 10:30 in Amsterdam).
        var contact = await reporter.Client.GetPageAsync("/mijn-melding/contact");
        var waiting = contact.Document.QuerySelector("[data-testid=email-waiting]")!.TextContent;
        Assert.Contains("daarna@example.nl", waiting, StringComparison.Ordinal);
        Assert.Contains("maandag 30 november 2026", waiting, StringComparison.Ordinal);
        Assert.Equal("daarna@example.nl", contact.ValueOf("Form.Email"));

        // Meanwhile a message about the case goes to the old address.
        var client = new ReporterSession(App).Client;
        var request = await client.GetPageAsync("/mijn-melding/link-aanvragen");
        await client.PostFormAsync(request, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = reference, ["EmailAddress"] = "eerst@example.nl" });
        Assert.Equal(["eerst@example.nl"], await MailsAsync(caseId, "access_link"));

        // Opening the link changes nothing (a mail scanner); the button does, once.
        var link = await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId);
        var stranger = new ReporterSession(App);
        Assert.NotNull((await stranger.Client.GetPageAsync(link)).Document.QuerySelector("[data-testid=confirm-email]"));
        Assert.Equal("eerst@example.nl", await EmailOfAsync(caseId));
        Assert.NotNull((await stranger.PressAsync(link)).Document.QuerySelector("[data-testid=email-confirmed]"));
        Assert.Equal("daarna@example.nl", await EmailOfAsync(caseId));
        Assert.NotNull((await stranger.PressAsync(link)).Document.QuerySelector("[data-testid=link-unusable]"));
        Assert.Null((await reporter.Client.GetPageAsync("/mijn-melding/contact")).Document.QuerySelector("[data-testid=email-waiting]"));

        var staff = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var events = (await staff.Client.GetPageAsync($"/backoffice/meldingen/{caseId}")).Document.QuerySelector("[data-testid=reporter-changes]")!.TextContent;
        Assert.Contains("nieuw e-mailadres gevraagd, wacht op bevestiging", events, StringComparison.Ordinal);
        Assert.Contains("nieuw e-mailadres bevestigd", events, StringComparison.Ordinal);
        Assert.DoesNotContain("daarna@example.nl", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_makes_the_older_link_useless_and_the_same_address_twice_sends_one_mail()
    {
        var (caseId, _, reporter) = await FileAndSignInAsync("oud.adres@example.nl");
        await ChangeAsync(reporter, "eerste.poging@example.nl");
        var first = await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId);
        var firstUndo = await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId, undo: true);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await ChangeAsync(reporter, "tweede.poging@example.nl");
        await ChangeAsync(reporter, "tweede.poging@example.nl"); // the page again, unchanged: no second mail
        Assert.Equal(["eerste.poging@example.nl", "tweede.poging@example.nl"], await MailsAsync(caseId, "email_confirm"));

        var browser = new ReporterSession(App);
        Assert.NotNull((await browser.PressAsync(first)).Document.QuerySelector("[data-testid=link-unusable]"));
        Assert.NotNull((await browser.PressAsync(firstUndo)).Document.QuerySelector("[data-testid=link-unusable]"));
        Assert.Equal("oud.adres@example.nl", await EmailOfAsync(caseId));
        Assert.NotNull((await browser.PressAsync(await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId))).Document.QuerySelector("[data-testid=email-confirmed]"));
        Assert.Equal("tweede.poging@example.nl", await EmailOfAsync(caseId));

        // Typing the address in use again cancels a waiting change.
        await ChangeAsync(reporter, "derde@example.nl");
        await ChangeAsync(reporter, "tweede.poging@example.nl");
        Assert.NotNull((await browser.PressAsync(await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId))).Document.QuerySelector("[data-testid=link-unusable]"));
        Assert.Equal("tweede.poging@example.nl", await EmailOfAsync(caseId));
    }

    [Fact]
    public async Task A_link_past_its_seven_days_does_nothing_and_the_old_address_stays()
    {
        var (caseId, _, reporter) = await FileAndSignInAsync("blijft@example.nl");
        await ChangeAsync(reporter, "te.laat@example.nl");
        var link = await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId);
        App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var page = await new ReporterSession(App).PressAsync(link);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=link-unusable]"));
        Assert.Contains("Deze link werkt niet meer", page.H1, StringComparison.Ordinal);
        Assert.Equal("blijft@example.nl", await EmailOfAsync(caseId));
    }

    [Fact]
    public async Task The_old_address_undoes_a_confirmed_change_and_everyone_signed_in_is_out()
    {
        var (caseId, _, reporter) = await FileAndSignInAsync("echt@example.nl");
        await ChangeAsync(reporter, "kaper@example.nl");
        var intruder = new ReporterSession(App);
        await intruder.PressAsync(await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId));
        Assert.Equal("kaper@example.nl", await EmailOfAsync(caseId));

        var owner = new ReporterSession(App);
        var undo = await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId, undo: true);
        Assert.NotNull((await owner.Client.GetPageAsync(undo)).Document.QuerySelector("[data-testid=undo-email]"));
        var undone = await owner.PressAsync(undo);
        Assert.NotNull(undone.Document.QuerySelector("[data-testid=email-undone]"));
        Assert.Contains(AppFactory.TestContact.Phone, undone.Html, StringComparison.Ordinal);
        Assert.Equal("echt@example.nl", await EmailOfAsync(caseId));
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.Client.GetAsync(new Uri("/mijn-melding", UriKind.Relative))).StatusCode); // the session that asked is ended
        Assert.NotNull((await owner.PressAsync(undo)).Document.QuerySelector("[data-testid=link-unusable]")); // once
    }

    [Fact]
    public async Task Removing_the_address_needs_no_confirmation_and_the_old_address_is_told()
    {
        var (caseId, _, reporter) = await FileAndSignInAsync("weg@example.nl");
        var form = await reporter.Client.GetPageAsync("/mijn-melding/contact");
        var saved = await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?> { ["Form.Email"] = "", ["Form.Phone"] = "0612345678", ["Form.PreferredChannel"] = "Phone", ["Form.AddressStreet"] = "Dorpsstraat 1", ["Form.AddressPostcode"] = "1234 AB", ["Form.AddressCity"] = "Utrecht" });
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummaryTexts));
        Assert.Null(await EmailOfAsync(caseId));
        Assert.Equal(["weg@example.nl"], await MailsAsync(caseId, "email_removed"));
        Assert.Empty(await MailsAsync(caseId, "email_confirm"));
    }

    [Fact]
    public async Task Staff_change_the_representatives_address_on_their_behalf_with_the_same_confirmation()
    {
        var (caseId, _, _) = await FileAndSignInAsync("persoon@example.nl", a =>
        {
            a["Form.FilingFor"] = "other";
            a["Form.RepresentativeAuthorised"] = "true";
            a["Form.RepresentativeName"] = "Zoon Helper";
            a["Form.RepresentativeRelation"] = "Zoon";
            a["Form.RepresentativeEmail"] = "zoon.oud@example.nl";
        });
        var customerContact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        var url = $"/backoffice/meldingen/{caseId}/e-mailadres";
        var page = await customerContact.Client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);

        var empty = await customerContact.Client.PostFormAsync(page, url, new Dictionary<string, string?> { ["Whose"] = null, ["NewAddress"] = "" });
        Assert.Equal(["#Whose", "#NewAddress"], empty.ErrorSummaryLinks);
        var same = await customerContact.Client.PostFormAsync(page, url, new Dictionary<string, string?> { ["Whose"] = "Representative", ["NewAddress"] = "ZOON.OUD@example.nl" });
        Assert.Equal(["Dit is het adres dat wij nu al gebruiken"], same.ErrorSummaryTexts);
        var invalid = await customerContact.Client.PostFormAsync(page, url, new Dictionary<string, string?> { ["Whose"] = "Representative", ["NewAddress"] = "zoon@" });
        Assert.Equal(["#NewAddress"], invalid.ErrorSummaryLinks);
        Assert.Empty(await MailsAsync(caseId, "email_confirm"));

        var sent = await customerContact.Client.PostFormAsync(page, url, new Dictionary<string, string?> { ["Whose"] = "Representative", ["NewAddress"] = "zoon.nieuw@example.nl" });
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var after = await customerContact.Client.GetPageAsync(sent.Location!.OriginalString);
        Assert.NotNull(after.Document.QuerySelector("[data-testid=email-sent]"));
        Assert.Contains("zoon.nieuw@example.nl", after.Document.QuerySelector("[data-testid=email-waiting]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["zoon.nieuw@example.nl"], await MailsAsync(caseId, "email_confirm"));
        Assert.Equal(["zoon.oud@example.nl"], await MailsAsync(caseId, "email_change_requested"));
        Assert.Equal("zoon.oud@example.nl", await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.RepresentativeEmail).SingleAsync()));

        await new ReporterSession(App).PressAsync(await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId));
        var report = await App.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == caseId));
        Assert.Equal(("zoon.nieuw@example.nl", "persoon@example.nl"), (report.RepresentativeEmail, report.Email));

        var committee = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var refused = await committee.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal((HttpStatusCode.Redirect, "/backoffice/geen-toegang"), (refused.StatusCode, refused.Headers.Location?.AbsolutePath));
    }
}

public sealed class EmailChangeTestsOnSqlite(SqliteAppFactory app) : EmailChangeTests(app), IClassFixture<SqliteAppFactory>;

public sealed class EmailChangeTestsOnPostgres(PostgresAppFactory app) : EmailChangeTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The change of address through a real SMTP server: both mails arrive at their own address with their own link.</summary>
public abstract class EmailChangeDeliveryTests<TFactory>
    where TFactory : AppFactory, new()
{
    [Fact]
    public async Task Both_mails_reach_their_mailbox_and_the_delivered_link_confirms_the_address()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var answers = IntakeJourney.ValidAnswers("Post Bode");
        answers["Form.Email"] = "voor.de.wijziging@example.nl";
        await new IntakeJourney(app).FileReportAsync(answers);
        var caseId = (await app.WithDbAsync(db => db.Reports.ToListAsync())).Single(r => r.Email == "voor.de.wijziging@example.nl").Id;
        var reporter = new ReporterSession(app);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(app, caseId, "receipt"));
        var form = await reporter.Client.GetPageAsync("/mijn-melding/contact");
        await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?> { ["Form.Email"] = "na.de.wijziging@example.nl" });

        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        var received = smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))).ToList();
        var confirm = Assert.Single(received, m => m.To.Mailboxes.Single().Address == "na.de.wijziging@example.nl");
        var warning = Assert.Single(received, m => m.To.Mailboxes.Single().Address == "voor.de.wijziging@example.nl" && (m.Subject ?? string.Empty).StartsWith("Iemand wil het e-mailadres", StringComparison.Ordinal));
        Assert.Contains("/mijn-melding/e-mailadres/terugdraaien/", warning.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("/mijn-melding/link/", warning.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("na.de.wijziging", warning.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("href=\"http", confirm.HtmlBody ?? string.Empty, StringComparison.Ordinal);

        // The link as delivered (the stored body is blanked once sent).
        var link = System.Text.RegularExpressions.Regex.Match(confirm.TextBody ?? string.Empty, @"https?://\S+/mijn-melding/e-mailadres/bevestigen/[A-Za-z0-9_-]+").Value;
        Assert.Equal(string.Empty, await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == "email_confirm").Select(m => m.TextBody).SingleAsync()));
        Assert.NotNull((await new ReporterSession(app).PressAsync(new Uri(link).PathAndQuery)).Document.QuerySelector("[data-testid=email-confirmed]"));
        Assert.Equal("na.de.wijziging@example.nl", (await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == caseId))).Email);
    }
}

public sealed class EmailChangeDeliveryTestsOnSqlite : EmailChangeDeliveryTests<SqliteAppFactory>;

public sealed class EmailChangeDeliveryTestsOnPostgres : EmailChangeDeliveryTests<PostgresAppFactory>;
