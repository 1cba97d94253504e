using System.Net;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.MyReport;

/// <summary>
/// Objecting online (process v6; Awb 6:4–6:11, 7:2): on Mijn melding until six weeks after the decision, later still —
/// registered and marked for a decision on lateness, never refused; the hearing booked from the times staff offer or
/// waived; its report shown to the person; the objection decided only once the person was heard.
/// </summary>
public abstract class ObjectionOnlineTests(AppFactory app) : CaseTestBase(app)
{
    /// <summary>A case decided on Monday 23 November 2026 (six weeks: Monday 4 January 2027); the person on Mijn melding by the decision's mail.</summary>
    private async Task<(Guid Id, DecisionDesk Desk, ReporterSession Reporter)> DecidedAsync()
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.AddressStreet, "Dorpsstraat 12").SetProperty(r => r.AddressPostcode, "1234 AB").SetProperty(r => r.AddressCity, "Amsterdam")));
        await desk.DecideAsync(caseId, D(("adopts_advice", "yes")), agreement: "no");
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "decision_final"));
        return (caseId, desk, reporter);
    }

    private static Task<HtmlPage> ObjectAsync(ReporterSession reporter, HtmlPage page, Dictionary<string, string?> fields) =>
        reporter.Client.PostFormAsync(page, "/mijn-melding/bezwaar", fields, formSelector: "form[data-testid=objection-form]");

    [Fact]
    public async Task An_objection_on_time_is_registered_the_hearing_booked_and_its_report_shown_before_the_decision_on_it()
    {
        var (caseId, desk, reporter) = await DecidedAsync();
        Assert.NotNull((await reporter.Client.GetPageAsync("/mijn-melding")).Document.QuerySelector("[data-testid=objection-link] a[href='/mijn-melding/bezwaar']"));
        var page = await reporter.Client.GetPageAsync("/mijn-melding/bezwaar");
        Assert.Equal("2027-01-04", page.Document.QuerySelector("[data-testid=objection-term]")?.GetAttribute("data-last-day"));
        Assert.Contains("maandag 4 januari 2027", page.Document.QuerySelector("[data-testid=objection-term]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("juridischloket.nl", page.Document.QuerySelector("[data-testid=legal-help]")!.InnerHtml, StringComparison.Ordinal);

        // Bad input: told, nothing stored.
        var empty = await ObjectAsync(reporter, page, new() { ["Grounds"] = "", ["RepresentativeName"] = "Mr. De Vries" });
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal(["Schrijf waarom u het niet eens bent met het besluit.", "Vul een telefoonnummer of e-mailadres in van wie u helpt."], empty.ErrorSummaryTexts);
        Assert.Equal("decision_final", await App.StateAsync(caseId));

        var sent = await ObjectAsync(reporter, page, new()
        {
            ["Grounds"] = "Ik heb wel extra hulp nodig: ik heb schulden.",
            ["RepresentativeName"] = "Mr. De Vries",
            ["RepresentativeContact"] = "020 123 4567",
            ["RepresentativeIsLawyer"] = "true",
        });
        Assert.Equal("/mijn-melding/bezwaar?melding=ontvangen", sent.Location?.OriginalString);
        Assert.Equal("objection", await App.StateAsync(caseId));
        var objection = await App.WithDbAsync(db => db.Objections.SingleAsync(o => o.CaseId == caseId));
        Assert.Equal((false, "Reporter", "Mr. De Vries", true, new DateOnly(2026, 11, 23)), (objection.Late, objection.FiledBy, objection.RepresentativeName, objection.RepresentativeIsLawyer, objection.ReceivedOn));
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Template == "objection_received")));

        // The hearing: offered on Mijn melding, booked from the directorate's times.
        Assert.Contains("hoorzitting", (await reporter.Client.GetPageAsync("/mijn-melding")).Document.QuerySelector("[data-testid=appointment-notice]")!.TextContent, StringComparison.Ordinal);
        var times = await desk.Smz.Client.GetPageAsync("/backoffice/afspraken");
        await desk.Smz.Client.PostFormAsync(times, "/backoffice/afspraken?handler=Publish", new Dictionary<string, string?>
        {
            ["Date"] = "2026-11-30",
            ["Start"] = "13:00",
            ["Count"] = "1",
            ["Minutes"] = "60",
            ["Mode"] = "Office",
            ["Location"] = "Kantoor Amsterdam, Hoofdstraat 1",
            ["Purpose"] = "Hearing",
        }, formSelector: "form[data-testid=publish]");
        var hearingSlot = await App.WithDbAsync(db => db.ConversationSlots.SingleAsync(s => s.StaffUserId == desk.Smz.Account.Id));
        var choose = await reporter.Client.GetPageAsync("/mijn-melding/afspraak");
        var booked = await reporter.Client.PostFormAsync(choose, "/mijn-melding/afspraak?handler=Book", new Dictionary<string, string?> { ["SlotId"] = hearingSlot.Id.ToString() }, formSelector: "form[data-testid=slot-form]");
        Assert.Equal("/mijn-melding/afspraak?melding=gemaakt", booked.Location?.OriginalString);
        Assert.Contains("Hoorzitting over uw bezwaar", (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "conversation_booked"))).CalendarFile, StringComparison.Ordinal);
        var desk1 = await desk.Smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/bezwaar");
        Assert.Contains("maandag 30 november 2026 om 13:00 uur", desk1.Document.QuerySelector("[data-testid=hearing-booked]")!.TextContent, StringComparison.Ordinal);

        // Not decided before the person was heard; the report, once written, is theirs to read.
        Assert.False((await desk.Smz.TakeAsync(caseId, "dismiss_objection", D(("reasons", "Het besluit blijft staan.")))).WasApplied());
        App.Clock.AdjustTime(new DateTimeOffset(2026, 11, 30, 14, 30, 0, TimeSpan.Zero));
        var smz = await StaffSession.SignInAsync(App, desk.Smz.Account);
        var hearingPage = await smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/bezwaar");
        var noReport = await smz.Client.PostFormAsync(hearingPage, $"/backoffice/meldingen/{caseId}/bezwaar?handler=Hearing", new Dictionary<string, string?> { ["HeldOn"] = "2026-11-30", ["Report"] = "" }, formSelector: "form[data-testid=hearing-form]");
        Assert.Equal(["Schrijf het verslag van de hoorzitting."], noReport.ErrorSummaryTexts);
        await smz.Client.PostFormAsync(hearingPage, $"/backoffice/meldingen/{caseId}/bezwaar?handler=Hearing", new Dictionary<string, string?> { ["HeldOn"] = "2026-11-30", ["Report"] = "De melder legde uit welke schulden er zijn." }, formSelector: "form[data-testid=hearing-form]");
        Assert.Equal(new DateOnly(2026, 11, 30), (await App.WithDbAsync(db => db.Objections.SingleAsync(o => o.CaseId == caseId))).HearingHeldOn);
        var person = new ReporterSession(App); // a week later: a new link
        await person.OpenAsync(await RequestLinkAsync(caseId));
        Assert.Equal("De melder legde uit welke schulden er zijn.", (await person.Client.GetPageAsync("/mijn-melding/bezwaar")).Document.QuerySelector("[data-testid=hearing-report]")?.TextContent);
        Assert.True((await smz.TakeAsync(caseId, "dismiss_objection", D(("reasons", "Het besluit blijft staan.")))).WasApplied());
        Assert.Contains("Het besluit blijft staan.", PdfText.All(await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "objection_dismissed").Select(l => l.Pdf).SingleAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_objection_is_registered_not_refused_and_waits_for_a_reasoned_decision_on_lateness()
    {
        var (caseId, desk, _) = await DecidedAsync();
        App.Clock.AdjustTime(new DateTimeOffset(2027, 1, 12, 9, 0, 0, TimeSpan.Zero)); // Tuesday 12 January 2027: the term ended on the 4th
        var reporter = new ReporterSession(App);
        await App.WithDbAsync(db => db.ReporterAccessTokens.Where(t => t.ReportId == caseId).ExecuteDeleteAsync());
        var link = await RequestLinkAsync(caseId);
        await reporter.OpenAsync(link);
        var page = await reporter.Client.GetPageAsync("/mijn-melding/bezwaar");
        Assert.Contains("De termijn voor bezwaar is voorbij", page.Document.QuerySelector("[data-testid=objection-term]")!.TextContent, StringComparison.Ordinal);
        var sent = await ObjectAsync(reporter, page, new() { ["Grounds"] = "Ik ben het niet eens.", ["LateReason"] = "" });
        Assert.Equal("/mijn-melding/bezwaar?melding=ontvangen", sent.Location?.OriginalString);
        var objection = await App.WithDbAsync(db => db.Objections.SingleAsync(o => o.CaseId == caseId));
        Assert.Equal((true, new DateOnly(2027, 1, 4), (bool?)null), (objection.Late, objection.LastDay, objection.LatenessExcusable));
        Assert.Contains("na de termijn", (await reporter.Client.GetPageAsync("/mijn-melding/bezwaar")).Document.QuerySelector("[data-testid=objection-late]")!.TextContent, StringComparison.Ordinal);

        var smz = await StaffSession.SignInAsync(App, desk.Smz.Account);
        Assert.False((await smz.TakeAsync(caseId, "dismiss_objection", D(("reasons", "Te laat.")))).WasApplied());
        var deskPage = await smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/bezwaar");
        Assert.Equal("true", deskPage.Document.QuerySelector("[data-testid=objection-late]")?.GetAttribute("data-late"));
        await smz.Client.PostFormAsync(deskPage, $"/backoffice/meldingen/{caseId}/bezwaar?handler=Lateness",
            new Dictionary<string, string?> { ["Excusable"] = "no", ["LatenessReasons"] = "U gaf geen reden en het besluit kwam op tijd aan." }, formSelector: "form[data-testid=lateness-form]");
        Assert.Equal(false, (await App.WithDbAsync(db => db.Objections.SingleAsync(o => o.CaseId == caseId))).LatenessExcusable);
        Assert.Contains("U gaf geen reden", (await reporter.Client.GetPageAsync("/mijn-melding/bezwaar")).Document.QuerySelector("[data-testid=objection-late]")!.TextContent, StringComparison.Ordinal);
        Assert.True((await smz.TakeAsync(caseId, "dismiss_objection", D(("reasons", "Het bezwaar is niet-ontvankelijk: te laat.")))).WasApplied()); // no hearing needed (Awb 7:3)
    }

    [Fact]
    public async Task A_person_who_waives_the_hearing_lets_the_objection_be_decided_and_a_booked_hearing_is_given_up()
    {
        var (caseId, desk, reporter) = await DecidedAsync();
        var page = await reporter.Client.GetPageAsync("/mijn-melding/bezwaar");
        await ObjectAsync(reporter, page, new() { ["Grounds"] = "Ik wil meer hulp." });
        var objectionPage = await reporter.Client.GetPageAsync("/mijn-melding/bezwaar");
        Assert.Equal("true", objectionPage.Document.QuerySelector("[data-testid=hearing]")?.GetAttribute("data-open"));
        var waived = await reporter.Client.PostFormAsync(objectionPage, "/mijn-melding/bezwaar?handler=Waive", formSelector: "form[action$='handler=Waive']");
        Assert.Equal("/mijn-melding/bezwaar?melding=geenhoorzitting", waived.Location?.OriginalString);
        Assert.Null((await reporter.Client.GetPageAsync("/mijn-melding")).Document.QuerySelector("[data-testid=appointment-notice]"));
        Assert.True((await desk.Smz.TakeAsync(caseId, "uphold_objection", D(("reasons", "U heeft gelijk.")))).WasApplied());
        Assert.Equal(1, await App.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Kind == "hearing_waived")));
    }

    /// <summary>Asks for a new Mijn melding link as the person would after weeks (the old one expired) and returns it.</summary>
    private async Task<string> RequestLinkAsync(Guid caseId)
    {
        var (reference, email) = await App.WithDbAsync(async db => await db.Reports.Where(r => r.Id == caseId).Select(r => new { r.ReferenceNumber, r.Email }).SingleAsync() is var r ? (r.ReferenceNumber, r.Email!) : default);
        var client = new ReporterSession(App).Client;
        var form = await client.GetPageAsync("/mijn-melding/link-aanvragen");
        await client.PostFormAsync(form, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = reference, ["EmailAddress"] = email });
        return await ReporterSession.LinkFromMailAsync(App, caseId, "access_link");
    }
}

public sealed class ObjectionOnlineTestsOnSqlite(SqliteAppFactory app) : ObjectionOnlineTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ObjectionOnlineTestsOnPostgres(PostgresAppFactory app) : ObjectionOnlineTests(app), IClassFixture<PostgresAppFactory>;
