using System.Net;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.MyReport;

/// <summary>Mijn melding: the person who was harmed sees their report, answers questions and withdraws, by an emailed link.</summary>
public abstract class MyReportTests(AppFactory app) : CaseTestBase(app)
{
    private async Task<(Guid Id, string Reference)> FileAsync(string name = "Privé Persoon", string email = "melder@example.nl")
    {
        var answers = IntakeJourney.ValidAnswers(name);
        answers["Form.Email"] = email;
        answers["Form.Description"] = "Ik heb schulden en slaap slecht sinds de herbeoordeling.";
        var receipt = await new IntakeJourney(App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var id = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference);
    }

    private async Task<int> AccessLinkMailsAsync(Guid caseId) =>
        await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == caseId && m.Template == "access_link"));

    [Fact]
    public async Task The_receipt_link_opens_Mijn_melding_once_showing_the_stage_next_step_and_estimate_without_personal_data()
    {
        var (caseId, reference) = await FileAsync();
        var link = await ReporterSession.LinkFromMailAsync(App, caseId, "receipt");
        var reporter = new ReporterSession(App);

        var linkPage = await reporter.Client.GetPageAsync(new Uri(link).PathAndQuery);
        Assert.NotNull(linkPage.Document.QuerySelector("[data-testid=open]")); // opening the link alone uses nothing up
        var page = await reporter.OpenAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(reference, page.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim());
        Assert.Equal("screening", page.Document.QuerySelector("[data-testid=stage]")!.GetAttribute("data-state"));
        Assert.Contains("Een medewerker bekijkt uw melding.", page.Document.QuerySelector("[data-testid=stage]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=estimate]"));
        Assert.Contains("Uw melding " + reference + " is ontvangen", page.Document.QuerySelector("[data-testid=messages]")!.TextContent, StringComparison.Ordinal);
        foreach (var secret in new[] { IntakeJourney.ValidBsn, "Privé Persoon", "schulden", "slaap" })
        {
            Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal);
        }

        var again = await new ReporterSession(App).OpenAsync(link);
        Assert.NotNull(again.Document.QuerySelector("[data-testid=link-unusable]"));
        Assert.Equal(1, await App.WithDbAsync(db => db.ReporterAccessTokens.CountAsync(t => t.ReportId == caseId && t.UsedAt != null)));
        Assert.DoesNotContain(await App.WithDbAsync(db => db.ReporterAccessTokens.Select(t => t.TokenHash).ToListAsync()), h => link.EndsWith(h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_fresh_install_the_expected_decision_ends_on_a_working_day_on_or_before_the_legal_term()
    {
        var (caseId, _) = await FileAsync();
        var page = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));

        var range = page.Document.QuerySelector("[data-testid=decision-estimate]")!;
        var from = DateOnly.Parse(range.GetAttribute("data-from")!, System.Globalization.CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(range.GetAttribute("data-to")!, System.Globalization.CultureInfo.InvariantCulture);
        var due = DateOnly.Parse(page.Document.QuerySelector("[data-testid=legal-deadline]")!.GetAttribute("data-due")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(to <= due, $"expected until {to}, the term ends {due}");
        Assert.All(new[] { from, to }, d => Assert.DoesNotContain(d.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
        Assert.Null(page.Document.QuerySelector("[data-testid=expect-late]"));
    }

    [Fact]
    public async Task The_link_page_speaks_the_language_of_the_report_also_when_the_link_no_longer_works_and_staff_see_that_language()
    {
        var (caseId, _) = await FileAsync();
        await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, "en")));
        var link = new Uri(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt")).PathAndQuery;

        var reporter = new ReporterSession(App);
        Assert.Equal("Open My report", (await reporter.Client.GetPageAsync(link)).H1);
        await reporter.OpenAsync(link);
        var used = await new ReporterSession(App).Client.GetPageAsync(link);
        Assert.Equal("This link no longer works", used.Document.QuerySelector("[data-testid=link-unusable]")!.TextContent.Trim());

        // A link we do not know: the browser's language.
        var stranger = new ReporterSession(App).Client;
        stranger.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        Assert.Equal("This link no longer works", (await stranger.GetPageAsync("/mijn-melding/link/unknown-token")).H1);
        Assert.Equal("Deze link werkt niet meer", (await new ReporterSession(App).Client.GetPageAsync("/mijn-melding/link/unknown-token")).H1);

        var staff = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var casePage = await staff.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        var language = casePage.Document.QuerySelector("[data-testid=person-language]")!;
        Assert.Equal("en", language.GetAttribute("data-language"));
        Assert.Contains("schrijf het in het Engels", language.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_opens_nothing_and_offers_a_new_one()
    {
        var (caseId, _) = await FileAsync();
        var link = await ReporterSession.LinkFromMailAsync(App, caseId, "receipt");
        App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)); // a link in a message we sent on our own lives seven days

        var reporter = new ReporterSession(App);
        var page = await reporter.OpenAsync(link);

        Assert.NotNull(page.Document.QuerySelector("[data-testid=link-unusable]"));
        var mine = await reporter.Client.GetPageAsync("/mijn-melding");
        Assert.StartsWith("/mijn-melding/link-aanvragen", mine.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_a_link_answers_the_same_and_no_sooner_whether_or_not_reference_and_email_belong_together_and_mails_only_a_match()
    {
        var (caseId, reference) = await FileAsync(email: "juist@example.nl");
        var client = new ReporterSession(App).Client;
        async Task<string> AskAsync(string reference, string email)
        {
            var form = await client.GetPageAsync("/mijn-melding/link-aanvragen");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var sent = await client.PostFormAsync(form, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = reference, ["EmailAddress"] = email });
            // Neither a match (a mail queued) nor a miss answers before the floor: the time taken does not tell them apart.
            Assert.True(watch.Elapsed >= Herstelmeldpunt.Web.Common.ResponseFloor.Default, $"answered after {watch.Elapsed.TotalMilliseconds} ms");
            Assert.True(sent.Status == HttpStatusCode.Redirect, $"{(int)sent.Status}: {string.Join(", ", sent.ErrorSummaryTexts)}");
            return (await client.GetPageAsync(sent.Location!.OriginalString)).Document.QuerySelector("[data-testid=link-requested]")!.TextContent;
        }

        var known = await AskAsync(reference.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), "JUIST@example.nl");
        var wrongEmail = await AskAsync(reference, "ander@example.nl");
        var unknownReference = await AskAsync(Herstelmeldpunt.Web.Reports.ReferenceNumber.NewNumber(), "juist@example.nl"); // well-formed, not filed

        Assert.Equal(known, wrongEmail);
        Assert.Equal(known, unknownReference);
        Assert.Equal(1, await AccessLinkMailsAsync(caseId));
        var to = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "access_link").Select(m => m.ToAddress).SingleAsync());
        Assert.Equal("juist@example.nl", to);
        var page = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "access_link"));
        Assert.Equal(reference, page.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim());

        // More than three in an hour: the same answer, no more mail.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(known, await AskAsync(reference, "juist@example.nl"));
        }

        Assert.Equal(3, await AccessLinkMailsAsync(caseId));
    }

    [Fact]
    public async Task A_link_request_with_a_wrong_reference_format_gets_a_message_and_sends_nothing()
    {
        var client = new ReporterSession(App).Client;
        var form = await client.GetPageAsync("/mijn-melding/link-aanvragen");
        var page = await client.PostFormAsync(form, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = "12345", ["EmailAddress"] = "" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["#Reference", "#EmailAddress"], page.ErrorSummaryLinks);
        Assert.Contains("Dit referentienummer klopt niet", page.ErrorSummaryTexts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reporter_answers_the_question_online_the_case_returns_to_screening_and_staff_see_the_answer()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var (caseId, _) = await FileAsync();
        Assert.True((await intake.TakeAsync(caseId, "request_information", D(("question", "Wilt u de datum van de herbeoordeling noemen?"), ("answer_by", "2026-12-07")))).WasApplied());

        var reporter = new ReporterSession(App);
        var page = await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "more_information_needed"));
        Assert.Equal("Wilt u de datum van de herbeoordeling noemen?", page.Document.QuerySelector("[data-testid=open-question]")!.TextContent.Trim());
        Assert.Contains("maandag 7 december 2026", page.Document.QuerySelector("[data-testid=answer-by]")!.TextContent, StringComparison.Ordinal);
        var mail = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "more_information_needed").Select(m => m.TextBody).SingleAsync());
        Assert.Contains("Wilt u antwoorden vóór 7 december 2026?", mail, StringComparison.Ordinal);

        var empty = await reporter.Client.PostFormAsync(page, "/mijn-melding?handler=Answer", new Dictionary<string, string?> { ["Answer"] = "  " }, formSelector: "form[action='/mijn-melding?handler=Answer']");
        Assert.Equal(["#Answer"], empty.ErrorSummaryLinks);
        Assert.Equal("awaiting_information", await App.StateAsync(caseId));

        var sent = await reporter.Client.PostFormAsync(page, "/mijn-melding?handler=Answer", new Dictionary<string, string?> { ["Answer"] = "Dat was op 3 maart 2025." }, formSelector: "form[action='/mijn-melding?handler=Answer']");
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal("screening", await App.StateAsync(caseId));
        var entry = await App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == caseId).OrderByDescending(j => j.Sequence).FirstAsync());
        Assert.Equal(("information_received", "Reporter", null), (entry.Transition, entry.Role, entry.ActorId));
        Assert.Contains("Dat was op 3 maart 2025.", entry.DataJson, StringComparison.Ordinal);

        var after = await reporter.Client.GetPageAsync(sent.Location!.OriginalString);
        Assert.Contains("Dat was op 3 maart 2025.", after.Document.QuerySelector("[data-testid=conversation]")!.TextContent, StringComparison.Ordinal);
        var again = await reporter.Client.PostFormAsync(page, "/mijn-melding?handler=Answer", new Dictionary<string, string?> { ["Answer"] = "Nog een keer." }, formSelector: "form[action='/mijn-melding?handler=Answer']");
        Assert.Contains("Er staat geen vraag meer open", again.ErrorSummaryTexts.Single(), StringComparison.Ordinal);

        var casePage = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        var timeline = casePage.Document.QuerySelector("[data-testid=timeline]")!.TextContent;
        Assert.Contains("Dat was op 3 maart 2025.", timeline, StringComparison.Ordinal);
        Assert.Contains("(Melder)", timeline, StringComparison.Ordinal); // the role in words, not its key
        Assert.DoesNotContain("Role.", timeline, StringComparison.Ordinal);
        Assert.Contains("7 december 2026", timeline, StringComparison.Ordinal); // the answer-by date as people write it
        Assert.DoesNotContain("2026-12-07", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reporter_withdraws_after_confirming_and_the_journal_names_the_reporter()
    {
        var (caseId, _) = await FileAsync();
        var reporter = new ReporterSession(App);
        var page = await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/mijn-melding/intrekken']"));

        var confirm = await reporter.Client.GetPageAsync("/mijn-melding/intrekken");
        Assert.Equal("screening", await App.StateAsync(caseId)); // looking at the question changes nothing
        var done = await reporter.Client.PostFormAsync(confirm, "/mijn-melding/intrekken");

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("withdrawn", await App.StateAsync(caseId));
        var entry = await App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == caseId).OrderByDescending(j => j.Sequence).FirstAsync());
        Assert.Equal(("withdraw", "Reporter"), (entry.Transition, entry.Role));
        var after = await reporter.Client.GetPageAsync(done.Location!.OriginalString);
        Assert.Equal("withdrawn", after.Document.QuerySelector("[data-testid=stage]")!.GetAttribute("data-state"));
        Assert.Null(after.Document.QuerySelector("[data-testid=estimate]"));
    }

    [Fact]
    public async Task The_reporter_changes_contact_details_and_language_and_staff_see_what_changed_but_not_the_values()
    {
        var (caseId, _) = await FileAsync(email: "oud@example.nl");
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));
        var form = await reporter.Client.GetPageAsync("/mijn-melding/contact");
        Assert.Equal("oud@example.nl", form.ValueOf("Form.Email"));

        var wrong = await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?> { ["Form.Email"] = "geen-adres", ["Form.Phone"] = "", ["Form.PreferredChannel"] = "Phone" });
        Assert.Equal(["#Form_Email", "#Form_PreferredChannel"], wrong.ErrorSummaryLinks);
        Assert.Equal("oud@example.nl", await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Email).SingleAsync()));

        var saved = await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?> { ["Form.Email"] = "nieuw@example.nl", ["Form.PreferredChannel"] = "Email", ["Form.Language"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var report = await App.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == caseId));
        // The channel and language change now; the new address waits for its confirmation (EmailChangeTests follow it).
        Assert.Equal(("oud@example.nl", Herstelmeldpunt.Web.Reports.ContactChannel.Email, "en"), (report.Email, report.PreferredChannel, report.Language));
        Assert.Contains("We have sent a link to the new email address", (await reporter.Client.GetPageAsync(saved.Location!.OriginalString)).Html, StringComparison.Ordinal);
        // The old address is told, without a way into Mijn melding (whoever reads it must not get in through it).
        var told = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "email_change_requested"));
        Assert.Equal("oud@example.nl", told.ToAddress);
        Assert.Contains("Someone wants to change the email address for your report", told.Subject, StringComparison.Ordinal); // in the language just chosen
        Assert.DoesNotContain("/mijn-melding/link/", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("nieuw@example.nl", told.TextBody, StringComparison.Ordinal);

        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var changes = (await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}")).Document.QuerySelector("[data-testid=reporter-changes]")!.TextContent;
        Assert.Contains("E-mailadres", changes, StringComparison.Ordinal);
        Assert.Contains("Hoe wilt u het liefst contact?", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("nieuw@example.nl", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_the_target_group_the_reporter_reads_the_explanation_and_referral_staff_wrote_and_the_email_points_there()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var (caseId, _) = await FileAsync();
        Assert.True((await intake.TakeAsync(caseId, "outside_target_group", D(("explanation", "Uw uitkering is niet herbeoordeeld in de periode van deze herstelactie."), ("referral", "Het Juridisch Loket helpt u verder.")))).WasApplied());

        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "outside_target_group"));
        Assert.DoesNotContain("Juridisch Loket", mail.TextBody, StringComparison.Ordinal); // the text itself is on Mijn melding only
        Assert.Contains(AppFactory.TestContact.Phone, mail.TextBody, StringComparison.Ordinal); // and a number to call
        var page = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "outside_target_group"));
        var text = page.Document.QuerySelector("[data-testid=outside-target-group]")!.TextContent;
        Assert.Contains("niet herbeoordeeld in de periode", text, StringComparison.Ordinal);
        Assert.Contains("Het Juridisch Loket helpt u verder.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reporter_adds_a_representative_with_consent_who_can_then_ask_for_their_own_link()
    {
        var (caseId, reference) = await FileAsync(email: "zelf@example.nl");
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));
        var form = await reporter.Client.GetPageAsync("/mijn-melding/contact");

        var noConsent = await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?>
        {
            ["AddRepresentative"] = "true",
            ["Form.RepresentativeName"] = "Hulp Verlener",
            ["Form.RepresentativeRelation"] = "Maatschappelijk werker",
            ["Form.RepresentativeEmail"] = "hulp@example.nl",
        });
        Assert.Equal(["#Form_RepresentativeConsent"], noConsent.ErrorSummaryLinks);

        var added = await reporter.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?>
        {
            ["AddRepresentative"] = "true",
            ["Form.RepresentativeName"] = "Hulp Verlener",
            ["Form.RepresentativeRelation"] = "Maatschappelijk werker",
            ["Form.RepresentativeEmail"] = "hulp@example.nl",
            ["Form.RepresentativeConsent"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var report = await App.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == caseId));
        Assert.Equal(("Hulp Verlener", null, "zelf@example.nl"), (report.RepresentativeName, report.RepresentativeEmail, report.Email)); // the address waits for its confirmation
        Assert.Equal("hulp@example.nl", await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "email_confirm").Select(m => m.ToAddress).SingleAsync()));
        Assert.NotNull((await new ReporterSession(App).PressAsync(await ReporterSession.EmailChangeLinkFromMailAsync(App, caseId))).Document.QuerySelector("[data-testid=email-confirmed]"));
        Assert.Equal("hulp@example.nl", await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.RepresentativeEmail).SingleAsync()));

        var client = new ReporterSession(App).Client;
        var request = await client.GetPageAsync("/mijn-melding/link-aanvragen");
        await client.PostFormAsync(request, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = reference, ["EmailAddress"] = "hulp@example.nl" });
        Assert.Equal("hulp@example.nl", await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == "access_link").Select(m => m.ToAddress).SingleAsync()));
        var page = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "access_link"));
        Assert.Contains("U kijkt mee als gemachtigde", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_representative_gets_their_own_link_and_is_shown_as_the_representative()
    {
        var answers = IntakeJourney.ValidAnswers("Vertegenwoordigd Persoon");
        answers["Form.FilingFor"] = "other";
        answers["Form.RepresentativeAuthorised"] = "true";
        answers["Form.RepresentativeName"] = "Gem Achtigde";
        answers["Form.RepresentativeRelation"] = "Zoon";
        answers["Form.RepresentativeEmail"] = "zoon@example.nl";
        answers["Form.Email"] = "";
        answers["Form.Phone"] = "0612345678";
        answers["Form.PreferredChannel"] = "Phone";
        var receipt = await new IntakeJourney(App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "receipt"));
        Assert.Equal("zoon@example.nl", mail.ToAddress);
        var page = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));
        Assert.Contains("U kijkt mee als gemachtigde", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_the_receipt_page_the_browser_that_filed_goes_straight_to_Mijn_melding_once_and_the_address_alone_opens_nothing()
    {
        var journey = new IntakeJourney(App);
        var receipt = await journey.FileReportAsync(IntakeJourney.ValidAnswers("Direct Door"));
        var action = receipt.Document.QuerySelector("form[action*='handler=Open']")!.GetAttribute("action")!;

        // Someone with the receipt's address (a proxy log, a shared computer's history) but not the browser that filed.
        var other = new ReporterSession(App).Client;
        var page = await other.GetPageAsync(action.Split('?')[0]);
        var stranger = await other.PostFormAsync(page, action, formSelector: "form[action*='handler=Open']");
        Assert.StartsWith("/mijn-melding/link-aanvragen", stranger.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetPageAsync("/mijn-melding")).Status);

        var opened = await journey.Client.PostFormAsync(receipt, action, formSelector: "form[action*='handler=Open']");
        Assert.Equal("/mijn-melding", opened.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await journey.Client.GetPageAsync("/mijn-melding")).Status);

        var again = await journey.Client.PostFormAsync(receipt, action, formSelector: "form[action*='handler=Open']");
        Assert.StartsWith("/mijn-melding/link-aanvragen", again.Location!.OriginalString, StringComparison.Ordinal); // once
    }

    [Fact]
    public async Task From_the_receipt_page_the_filing_browser_is_sent_to_ask_for_a_link_hours_later()
    {
        var journey = new IntakeJourney(App);
        var receipt = await journey.FileReportAsync(IntakeJourney.ValidAnswers("Later Door"));
        var action = receipt.Document.QuerySelector("form[action*='handler=Open']")!.GetAttribute("action")!;

        App.Clock.Advance(TimeSpan.FromHours(3));
        var tooLate = await journey.Client.PostFormAsync(receipt, action, formSelector: "form[action*='handler=Open']");

        Assert.StartsWith("/mijn-melding/link-aanvragen", tooLate.Location!.OriginalString, StringComparison.Ordinal);
    }
}

public sealed class MyReportTestsOnSqlite(SqliteAppFactory app) : MyReportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class MyReportTestsOnPostgres(PostgresAppFactory app) : MyReportTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The limit on link requests per address of the asker.</summary>
public sealed class MyReportRateLimitTests
{
    [Fact]
    public async Task Asking_for_links_too_often_from_one_address_gets_429_with_a_plain_page_but_opening_the_form_never_does()
    {
        await using var app = new SqliteAppFactory();
        app.Settings["ReporterAccess:LinkRequestsPerAddress"] = "3";
        var client = new ReporterSession(app).Client;
        for (var i = 0; i < 3; i++)
        {
            var form = await client.GetPageAsync("/mijn-melding/link-aanvragen");
            Assert.Equal(HttpStatusCode.OK, form.Status);
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync(form, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = "HM-2026-000001", ["EmailAddress"] = "iemand@example.nl" })).Status);
        }

        var again = await client.GetPageAsync("/mijn-melding/link-aanvragen");
        Assert.Equal(HttpStatusCode.OK, again.Status); // reading the form is not asking
        var limited = await client.PostFormAsync(again, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = "HM-2026-000001", ["EmailAddress"] = "iemand@example.nl" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("te vaak", limited.Html, StringComparison.Ordinal);
    }
}

/// <summary>Mijn melding when recent history says the term will be missed: each on a fresh app, since the estimates' snapshot is per node.</summary>
public abstract class MyReportExpectLateTests<TFactory>
    where TFactory : AppFactory, new()
{
    [Fact]
    public async Task When_history_runs_late_Mijn_melding_says_we_expect_to_be_late_apologises_and_names_the_right_it_gives()
    {
        await using var app = new TFactory();
        await using (var db = app.CreateDbContext())
        {
            var history = new StayHistory(db, app.Clock.GetUtcNow());
            for (var i = 0; i < 12; i++)
            {
                history.Left(enteredDaysAgo: 100, stayedDays: 90, state: "with_committee", next: "decision_final");
            }

            await db.SaveChangesAsync();
        }

        var caseId = await app.FileReportAsync(TestBsn.Next());
        var page = await new ReporterSession(app).OpenAsync(await ReporterSession.LinkFromMailAsync(app, caseId, "receipt"));

        Assert.Equal("ExpectLate", page.Document.QuerySelector("[data-testid=estimate]")!.GetAttribute("data-outlook"));
        var notice = page.Document.QuerySelector("[data-testid=expect-late]")!.TextContent;
        Assert.Contains("Wij verwachten dat wij te laat beslissen. Het spijt ons.", notice, StringComparison.Ordinal);
        Assert.Contains("ingebrekestelling", notice, StringComparison.Ordinal);
        Assert.Contains("dwangsom", notice, StringComparison.Ordinal);
    }
}

public sealed class MyReportExpectLateTestsOnSqlite : MyReportExpectLateTests<SqliteAppFactory>;

public sealed class MyReportExpectLateTestsOnPostgres : MyReportExpectLateTests<PostgresAppFactory>;
