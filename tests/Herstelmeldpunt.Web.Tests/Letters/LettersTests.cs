using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Letters;

/// <summary>Letters to the person: written as PDF when the event happens, kept with the case, posted in print batches, and read on Mijn melding.</summary>
public abstract partial class LettersTests(AppFactory app) : CaseTestBase(app)
{
    /// <summary>Files a report through the public form; without email it gives an address for letters.</summary>
    private async Task<(Guid Id, string Reference)> FileAsync(bool withEmail, bool withAddress = true, string name = "Maria Jansen", string? bsn = null)
    {
        var answers = IntakeJourney.ValidAnswers(name);
        answers["Form.Bsn"] = bsn ?? TestBsn.Next();
        if (!withEmail)
        {
            answers["Form.Email"] = "";
        }

        if (withAddress)
        {
            answers["Form.AddressStreet"] = "Dorpsstraat 12";
            answers["Form.AddressPostcode"] = "1234ab";
            answers["Form.AddressCity"] = "Amsterdam";
        }

        var receipt = await new IntakeJourney(App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var id = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference);
    }

    private Task<List<CaseLetter>> LettersAsync(Guid caseId) =>
        App.WithDbAsync(db => db.CaseLetters.AsNoTracking().Where(l => l.CaseId == caseId).OrderBy(l => l.CreatedAt).ToListAsync());

    [Fact]
    public async Task Someone_without_email_gets_the_acknowledgement_by_post_with_the_address_in_the_window_and_the_reference()
    {
        var (caseId, reference) = await FileAsync(withEmail: false);

        var letter = Assert.Single(await LettersAsync(caseId));
        Assert.Equal("receipt", letter.Template);
        Assert.Equal(LetterDelivery.Post, letter.Delivery);
        Assert.Null(letter.SentOn);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(letter.Pdf)), letter.Sha256);
        var text = PdfText.All(letter.Pdf);
        foreach (var expected in new[] { "Maria Jansen", "Dorpsstraat 12", "1234 AB AMSTERDAM", reference, "Wij hebben uw melding ontvangen", "23 november 2026", "/mijn-melding/link-aanvragen" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.False(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId)));
    }

    [Fact]
    public async Task Someone_who_reads_email_gets_no_paper_acknowledgement()
    {
        var (caseId, _) = await FileAsync(withEmail: true);

        Assert.Empty(await LettersAsync(caseId));
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Template == "receipt")));
    }

    [Fact]
    public async Task The_letter_asking_for_information_carries_the_question_and_the_date_to_answer_by()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var (caseId, _) = await FileAsync(withEmail: false);

        Assert.True((await intake.TakeAsync(caseId, "request_information", D(("question", "Hoe hoog zijn uw schulden nu?"), ("answer_by", "2026-12-07")))).WasApplied());

        var letter = (await LettersAsync(caseId)).Single(l => l.Template == "more_information_needed");
        var text = PdfText.All(letter.Pdf);
        Assert.Contains("Hoe hoog zijn uw schulden nu?", text, StringComparison.Ordinal);
        Assert.Contains("vóór 7 december 2026", text, StringComparison.Ordinal);
        Assert.Equal(LetterDelivery.Post, letter.Delivery);
    }

    [Fact]
    public async Task The_decision_is_posted_also_to_someone_who_reads_email_and_says_what_was_decided_instead_of_the_advice_and_why()
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn, "Maria Jansen");
        var (caseId, reference) = await FileAsync(withEmail: true, bsn: bsn);

        await desk.DecideAsync(caseId, D(("adopts_advice", "no"), ("deviation_reasons", "De schulden zijn door de herbeoordeling ontstaan."), ("decided_instead", "Schuldhulp en een compensatie van 1500 euro.")));

        var letters = await LettersAsync(caseId);
        Assert.Equal(["decision_final", "decision_proposed"], letters.Select(l => l.Template).Order()); // v5: the proposal is a formal letter too
        var letter = letters.Single(l => l.Template == "decision_final");
        Assert.Equal(LetterDelivery.Post, letter.Delivery);
        var text = PdfText.All(letter.Pdf);
        foreach (var expected in new[] { "Besluit over uw melding", "Schuldhulp en een compensatie van 1500 euro.", "De schulden zijn door de herbeoordeling ontstaan.", "bezwaar", "6 weken", reference })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Uitkering is al hersteld.", text, StringComparison.Ordinal); // the advice that was not followed
        var decisionMail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "decision_final"));
        Assert.DoesNotContain("1500", decisionMail.TextBody, StringComparison.Ordinal); // the email still carries only the reference

        var mine = await new ReporterSession(App).OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "decision_final"));
        var shown = mine.Document.QuerySelector("[data-testid=decision]")!.TextContent;
        Assert.Contains("Schuldhulp en een compensatie van 1500 euro.", shown, StringComparison.Ordinal); // Mijn melding shows what was decided, not the advice
        Assert.Contains("Besluit over uw melding", mine.Document.QuerySelector("[data-testid=letters]")!.TextContent, StringComparison.Ordinal);

        var smz = desk.Smz;
        var casePage = await smz.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        var link = casePage.Document.QuerySelectorAll("[data-testid=letters] a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains(letter.Id.ToString(), StringComparison.Ordinal));
        var download = await smz.Client.GetAsync(link);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(letter.Pdf, await download.Content.ReadAsByteArrayAsync());
        var (otherCase, _) = await FileAsync(withEmail: true, name: "Ander Persoon");
        Assert.Equal(HttpStatusCode.NotFound, (await smz.Client.GetAsync($"/backoffice/meldingen/{otherCase}/brieven/{letter.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_print_batch_marks_the_waiting_letters_posted_today_and_prints_each_letter_on_its_own_sheets()
    {
        var (first, firstReference) = await FileAsync(withEmail: false);
        var (second, secondReference) = await FileAsync(withEmail: false, name: "Kees de Boer");
        var printer = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);

        var room = await printer.Client.GetPageAsync("/backoffice/brieven");
        Assert.Contains(firstReference, room.Document.QuerySelector("[data-testid=waiting]")!.TextContent, StringComparison.Ordinal);
        var made = await printer.Client.PostFormAsync(room, "/backoffice/brieven?handler=Batch");
        Assert.Equal(HttpStatusCode.Redirect, made.Status);

        var letters = (await LettersAsync(first)).Concat(await LettersAsync(second)).ToList();
        Assert.All(letters, l => Assert.Equal(new DateOnly(2026, 11, 23), l.SentOn));
        var batch = Assert.Single(letters.Select(l => l.PrintBatchId).Distinct())!.Value;
        var after = await printer.Client.GetPageAsync(made.Location!.OriginalString);
        Assert.Contains("afdrukbatch is gemaakt", after.Document.QuerySelector("[data-testid=notice]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0 brieven wachten op afdrukken.", after.Document.QuerySelector("[data-testid=waiting-count]")!.TextContent.Trim());

        var pdf = await printer.Client.GetByteArrayAsync($"/backoffice/brieven/batch/{batch}");
        var pages = PdfText.Pages(pdf);
        var inBatch = await App.WithDbAsync(db => db.CaseLetters.Where(l => l.PrintBatchId == batch).Select(l => l.Pages).ToListAsync());
        Assert.Equal(inBatch.Sum(p => p + (p % 2)), pages.Count); // a blank back after a letter with an odd number of pages
        Assert.Contains(pages, p => p.Contains(firstReference, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains(secondReference, StringComparison.Ordinal));

        var again = await printer.Client.PostFormAsync(room, "/backoffice/brieven?handler=Batch"); // a second click, from the page as it was
        Assert.EndsWith("melding=leeg", again.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(batch, (await LettersAsync(first)).Single().PrintBatchId);
    }

    [Fact]
    public async Task Someone_without_email_asks_for_a_link_by_post_and_the_printed_link_opens_Mijn_melding_with_their_letters()
    {
        var (caseId, reference) = await FileAsync(withEmail: false);
        var asker = new ReporterSession(App);
        var form = await asker.Client.GetPageAsync("/mijn-melding/link-aanvragen");

        var wrong = await asker.Client.PostFormAsync(form, "/mijn-melding/link-aanvragen?handler=ByPost", D(("PostReference", reference), ("BirthDay", "28"), ("BirthMonth", "3"), ("BirthYear", "1968")), formSelector: "form[action$='handler=ByPost']");
        var right = await asker.Client.PostFormAsync(form, "/mijn-melding/link-aanvragen?handler=ByPost", D(("PostReference", reference), ("BirthDay", "27"), ("BirthMonth", "3"), ("BirthYear", "1968")), formSelector: "form[action$='handler=ByPost']");
        var twice = await asker.Client.PostFormAsync(form, "/mijn-melding/link-aanvragen?handler=ByPost", D(("PostReference", reference), ("BirthDay", "27"), ("BirthMonth", "3"), ("BirthYear", "1968")), formSelector: "form[action$='handler=ByPost']");

        Assert.Equal(wrong.Location, right.Location); // the same answer whether or not they belong together
        Assert.Equal(right.Location, twice.Location);
        var letter = (await LettersAsync(caseId)).Single(l => l.Template == ReporterLetters.AccessLinkByPost); // one letter a day
        Assert.Equal(LetterDelivery.Post, letter.Delivery);
        var text = PdfText.All(letter.Pdf);
        Assert.Contains("7 december 2026", text, StringComparison.Ordinal); // valid for 14 days
        var link = PrintedLink().Match(text).Value;

        App.Clock.Advance(TimeSpan.FromDays(3)); // the post takes a few days
        var page = await new ReporterSession(App).OpenAsync(link);
        Assert.Equal(reference, page.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim());
        var listed = page.Document.QuerySelectorAll("[data-testid=letters] a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, listed.Count);
    }

    [Fact]
    public async Task The_reporter_downloads_only_the_letters_of_their_own_report()
    {
        var (caseId, reference) = await FileAsync(withEmail: false);
        var (otherId, _) = await FileAsync(withEmail: false, name: "Ander Persoon");
        var otherLetter = (await LettersAsync(otherId)).Single();
        var asker = new ReporterSession(App);
        var form = await asker.Client.GetPageAsync("/mijn-melding/link-aanvragen");
        await asker.Client.PostFormAsync(form, "/mijn-melding/link-aanvragen?handler=ByPost", D(("PostReference", reference), ("BirthDay", "27"), ("BirthMonth", "3"), ("BirthYear", "1968")), formSelector: "form[action$='handler=ByPost']");
        var link = PrintedLink().Match(PdfText.All((await LettersAsync(caseId)).Single(l => l.Template == ReporterLetters.AccessLinkByPost).Pdf)).Value;
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(link);
        var own = (await LettersAsync(caseId)).First(l => l.Template == "receipt");

        var mine = await reporter.Client.GetAsync($"/mijn-melding/brieven/{own.Id}");
        var theirs = await reporter.Client.GetAsync($"/mijn-melding/brieven/{otherLetter.Id}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("application/pdf", mine.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Fact]
    public async Task Without_email_and_without_an_address_the_form_asks_for_an_address_and_stores_nothing()
    {
        var answers = IntakeJourney.ValidAnswers();
        answers["Form.Email"] = "";
        var before = await App.WithDbAsync(db => db.Reports.CountAsync());

        var page = await new IntakeJourney(App).ContinueAsync(answers);

        Assert.Contains("Vul een adres voor brieven in", string.Join(' ', page.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal(before, await App.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [GeneratedRegex(@"https?://\S+/mijn-melding/link/[A-Za-z0-9_-]+")]
    private static partial Regex PrintedLink();
}

public sealed class LettersTestsOnSqlite(SqliteAppFactory app) : LettersTests(app), IClassFixture<SqliteAppFactory>;

public sealed class LettersTestsOnPostgres(PostgresAppFactory app) : LettersTests(app), IClassFixture<PostgresAppFactory>;
