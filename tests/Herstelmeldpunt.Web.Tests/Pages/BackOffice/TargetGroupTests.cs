using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>The target-group register through HTTP: dry run, import, errors per row, matching, letters, not reported.</summary>
public abstract class TargetGroupTests(AppFactory app)
{
    private const string Header = "bsn;naam;uitkering;herbeoordelingsdatum;team\n";

    private static async Task<HtmlPage> CheckFileAsync(StaffSession admin, string csv)
    {
        var page = await admin.Client.GetPageAsync("/backoffice/doelgroep/importeren");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.FormFields().Single(f => f.Key == "__RequestVerificationToken").Value), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "doelgroep.csv");
        using var response = await admin.Client.PostAsync(new Uri("/backoffice/doelgroep/importeren?handler=Check", UriKind.Relative), content);
        return await HtmlPage.ReadAsync(response);
    }

    private Task<int> MembersAsync() => app.WithDbAsync(db => db.TargetGroupMembers.CountAsync());

    private Task<Herstelmeldpunt.Web.TargetGroup.TargetGroupMember> MemberAsync(string bsn) =>
        app.WithDbAsync(db => db.TargetGroupMembers.AsNoTracking().SingleAsync(m => m.BsnHash == db.Cipher.BsnHash(bsn)));

    private static async Task<HtmlPage> ImportAsync(StaffSession admin, string csv)
    {
        var check = await CheckFileAsync(admin, csv);
        var imported = await admin.Client.PostFormAsync(check, "/backoffice/doelgroep/importeren?handler=Import", formSelector: "form[action$='handler=Import']");
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        return imported;
    }

    [Fact]
    public async Task People_who_reported_before_the_import_count_as_reported_and_a_later_report_keeps_the_first_time()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var (early, never) = (TestBsn.Next(), TestBsn.Next());
        var first = await app.FileReportAsync(early);
        var firstAt = await app.WithDbAsync(db => db.Reports.Where(r => r.Id == first).Select(r => r.ReceivedAt).SingleAsync());

        await ImportAsync(admin, Header + $"{early};Eerder Gemeld;WGA;2019-03-14;OTN\n{never};Nooit Gemeld;IVA;2019-03-15;OTN\n");

        Assert.Equal(firstAt, (await MemberAsync(early)).ReportedAt);
        Assert.Null((await MemberAsync(never)).ReportedAt);
        var notReported = await admin.Client.GetPageAsync("/backoffice/doelgroep/niet-gemeld");
        Assert.Contains("Nooit Gemeld", notReported.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Eerder Gemeld", notReported.Html, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.FileReportAsync(early, name: "Eerder Gemeld");
        Assert.Equal(firstAt, (await MemberAsync(early)).ReportedAt);

        // Importing the same people again (an update) changes nothing about who reported.
        await ImportAsync(admin, Header + $"{early};Eerder Gemeld;WGA;2019-03-14;OTN\n{never};Nooit Gemeld;IVA;2019-03-15;OTN\n");
        Assert.Equal(firstAt, (await MemberAsync(early)).ReportedAt);
        Assert.Null((await MemberAsync(never)).ReportedAt);
    }

    [Fact]
    public async Task The_overview_counts_agree_with_matching_every_member_to_the_reports()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var people = Enumerable.Range(0, 4).Select(_ => TestBsn.Next()).ToList();
        await app.FileReportAsync(people[0]);
        await ImportAsync(admin, Header + string.Concat(people.Select((b, i) => $"{b};Telling {i};WGA;2019-03-14;OTN\n")));
        await app.FileReportAsync(people[1]);

        var page = await admin.Client.GetPageAsync("/backoffice/doelgroep");

        var counts = page.Document.QuerySelectorAll("[data-testid=register-counts] dd").Select(dd => dd.TextContent.Trim()).ToList();
        var members = await MembersAsync();
        var reported = await app.WithDbAsync(db => db.TargetGroupMembers.CountAsync(m => db.Reports.Any(r => r.BsnHash == m.BsnHash)));
        Assert.True(reported >= 2);
        Assert.Equal(members.ToString(CultureInfo.InvariantCulture), counts[0]);
        Assert.Equal(reported.ToString(CultureInfo.InvariantCulture), counts[1]);
        Assert.Equal((members - reported).ToString(CultureInfo.InvariantCulture), counts[2]);
    }

    [Fact]
    public async Task Dry_run_stores_nothing_then_import_stores_all_and_a_second_import_updates()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var before = await MembersAsync();
        var csv = Header + "271828183;Anna de Vries;WGA;2019-03-14;OTN\n314159265;Bert Bakker;IVA;2019-05-02;OTN\n";

        var check = await CheckFileAsync(admin, csv);

        Assert.Contains("2 mensen, waarvan 2 nieuw", check.Document.QuerySelector("[data-testid=import-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await MembersAsync());

        var imported = await admin.Client.PostFormAsync(check, "/backoffice/doelgroep/importeren?handler=Import", formSelector: "form[action$='handler=Import']");
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        Assert.Equal(before + 2, await MembersAsync());
        var anna = await app.WithDbAsync(db => db.TargetGroupMembers.SingleAsync(m => m.BsnHash == db.Cipher.BsnHash("271828183")));
        Assert.Equal("Anna de Vries", anna.FullName);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TargetGroupImported)));

        var again = await CheckFileAsync(admin, Header + "271828183;Anna de Vries-Jansen;WGA;2019-03-14;OTN\n");
        Assert.Contains("1 mensen, waarvan 0 nieuw en 1 al in het register", again.Html, StringComparison.Ordinal);
        await admin.Client.PostFormAsync(again, "/backoffice/doelgroep/importeren?handler=Import", formSelector: "form[action$='handler=Import']");
        Assert.Equal(before + 2, await MembersAsync());
        Assert.Equal("Anna de Vries-Jansen", (await app.WithDbAsync(db => db.TargetGroupMembers.SingleAsync(m => m.BsnHash == db.Cipher.BsnHash("271828183")))).FullName);
    }

    [Fact]
    public async Task File_with_errors_lists_them_per_row_and_nothing_is_imported_even_when_forced()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var before = await MembersAsync();
        var csv = Header + "161803398;Goed Persoon;WGA;2019-03-14;OTN\n123456789;Fout Bsn;WGA;2019-03-14;OTN\n141421356;Fout Uitkering;WAO;2019-03-14;OTN\n";

        var check = await CheckFileAsync(admin, csv);

        var rows = check.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("3", rows[0], StringComparison.Ordinal);
        Assert.Contains("Geen geldig BSN", rows[0], StringComparison.Ordinal);
        Assert.Contains("Moet WGA of IVA zijn", rows[1], StringComparison.Ordinal);
        Assert.Null(check.Document.QuerySelector("form[action$='handler=Import']"));

        // Posting the import step directly with the bad file changes nothing either.
        var forced = await admin.Client.PostFormAsync(check, "/backoffice/doelgroep/importeren?handler=Import",
            new Dictionary<string, string?> { ["CsvContent"] = csv }, formSelector: "main form");
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Equal(before, await MembersAsync());
    }

    [Fact]
    public async Task Not_reported_lists_those_re_assessed_longest_ago_first()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        (string Name, string Date)[] people = [("Anton Appel", "2021-06-01"), ("Mira Maas", "2017-02-01"), ("Zoë Zomer", "2018-09-09"), ("Bram Bakker", "2020-01-15"), ("Kees Kok", "2016-11-30")];
        var csv = Header + string.Concat(people.Select(p => $"{TestBsn.Next()};{p.Name};WGA;{p.Date};OTN Zwolle\n"));
        var check = await CheckFileAsync(admin, csv);
        await admin.Client.PostFormAsync(check, "/backoffice/doelgroep/importeren?handler=Import", formSelector: "form[action$='handler=Import']");

        var page = await admin.Client.GetPageAsync("/backoffice/doelgroep/niet-gemeld");
        var listed = page.Document.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent).Where(n => people.Any(p => p.Name == n)).ToList();
        Assert.Equal(people.OrderBy(p => p.Date, StringComparer.Ordinal).Select(p => p.Name), listed);
    }

    [Fact]
    public async Task Reports_are_matched_to_the_register_and_the_not_reported_list_and_letters_follow()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var check = await CheckFileAsync(admin, "bsn;naam;uitkering;herbeoordelingsdatum;team;straat;postcode;woonplaats\n732050807;Carla Claes;WGA;2019-03-14;OTN Groningen;;;\n223606790;Dirk Dekker;IVA;2019-04-01;OTN Groningen;Kerkstraat 7;9711ab;Groningen\n");
        await admin.Client.PostFormAsync(check, "/backoffice/doelgroep/importeren?handler=Import", formSelector: "form[action$='handler=Import']");

        // Carla reports through the public form; Dirk does not.
        var answers = IntakeJourney.ValidAnswers("Carla Claes");
        answers["Form.Bsn"] = "732050807";
        await new IntakeJourney(app).FileReportAsync(answers);
        var carlaReport = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.BsnHash == db.Cipher.BsnHash("732050807")));
        Assert.Equal(carlaReport.ReceivedAt, (await MemberAsync("732050807")).ReportedAt); // marked with the report
        Assert.Null((await MemberAsync("223606790")).ReportedAt);

        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var casePage = await intake.Client.GetPageAsync($"/backoffice/meldingen/{carlaReport.Id}");
        var match = casePage.Document.QuerySelector("[data-testid=register-match]")!.TextContent;
        Assert.Contains("In doelgroep", match, StringComparison.Ordinal);
        Assert.Contains("OTN Groningen", match, StringComparison.Ordinal);

        var notReported = await admin.Client.GetPageAsync("/backoffice/doelgroep/niet-gemeld");
        Assert.Contains("Dirk Dekker", notReported.Html, StringComparison.Ordinal);
        Assert.Contains("223606790", notReported.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Carla Claes", notReported.Html, StringComparison.Ordinal);

        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var managerView = await manager.Client.GetPageAsync("/backoffice/doelgroep/niet-gemeld");
        Assert.Contains("Dirk Dekker", managerView.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("223606790", managerView.Html, StringComparison.Ordinal);

        var all = await app.WithDbAsync(db => db.TargetGroupMembers.CountAsync());
        var letters = await admin.Client.GetPageAsync("/backoffice/doelgroep/brieven");
        Assert.Equal(all, letters.Document.QuerySelectorAll("[data-testid=letter]").Length);
        var dirk = letters.Document.QuerySelectorAll("[data-testid=letter]").Single(l => l.TextContent.Contains("Dirk Dekker", StringComparison.Ordinal));
        Assert.Contains("IVA-uitkering", dirk.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 april 2019", dirk.TextContent, StringComparison.Ordinal);
        Assert.Equal("Dirk DekkerKerkstraat 79711 AB  GRONINGEN", dirk.QuerySelector("[data-testid=letter-address]")!.TextContent.Trim());
        Assert.Contains(AppFactory.TestContact.Phone, dirk.TextContent, StringComparison.Ordinal); // the phone number to call
        Assert.NotNull(letters.Document.QuerySelector("[data-testid=without-address]")); // Carla has no address in the register
        var pdf = await admin.Client.GetByteArrayAsync(letters.Document.QuerySelector("[data-testid=letter-parts] a")!.GetAttribute("href")!.Replace("&amp;", "&", StringComparison.Ordinal));
        var printed = Herstelmeldpunt.Web.Tests.Letters.PdfText.All(pdf);
        Assert.Contains("Kerkstraat 7", printed, StringComparison.Ordinal);
        Assert.Contains("9711 AB GRONINGEN", printed, StringComparison.Ordinal);
        Assert.Contains("IVA-uitkering opnieuw beoordeeld", printed, StringComparison.Ordinal);
        var onlyNotReported = await admin.Client.GetPageAsync("/backoffice/doelgroep/brieven?alleen=niet-gemeld");
        Assert.DoesNotContain(onlyNotReported.Document.QuerySelectorAll("[data-testid=letter]"), l => l.TextContent.Contains("Carla Claes", StringComparison.Ordinal));
    }
}

public sealed class TargetGroupTestsOnSqlite(SqliteAppFactory app) : TargetGroupTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TargetGroupTestsOnPostgres(PostgresAppFactory app) : TargetGroupTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The register's letters before anyone is in the register.</summary>
public sealed class EmptyRegisterLettersTests
{
    [Fact]
    public async Task The_letters_pdf_of_an_empty_register_goes_back_to_the_page_instead_of_failing()
    {
        await using var app = new SqliteAppFactory();
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);

        var pdf = await admin.Client.GetPageAsync("/backoffice/doelgroep/brieven?deel=1&handler=Pdf");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, pdf.Status); // was a 500
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.Client.GetPageAsync(pdf.Location!.OriginalString)).Status);
    }
}

/// <summary>The register's letters in parts: one part on the page, with its neighbours and a number to jump to.</summary>
public sealed class RegisterLetterPartsTests
{
    [Fact]
    public async Task A_register_of_more_than_one_part_shows_one_part_with_its_neighbours_and_a_part_number_to_go_to()
    {
        await using var app = new SqliteAppFactory();
        var size = Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup.LettersModel.PartSize;
        await app.WithDbAsync(async db =>
        {
            // 2 full parts and 1 letter: re-assessed on consecutive days, so the last is the only one in part 3.
            for (var i = 0; i < 2 * size + 1; i++)
            {
                db.TargetGroupMembers.Add(new Herstelmeldpunt.Web.TargetGroup.TargetGroupMember
                {
                    Id = Guid.NewGuid(),
                    Bsn = (100_000_000 + i).ToString(CultureInfo.InvariantCulture),
                    FullName = "Lid " + i.ToString(CultureInfo.InvariantCulture),
                    BenefitType = Herstelmeldpunt.Web.TargetGroup.BenefitType.Wga,
                    ReassessmentDate = new DateOnly(2016, 1, 1).AddDays(i),
                    Team = "OTN Groningen",
                    ImportedAt = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc),
                });
            }

            return await db.SaveChangesAsync();
        });
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);

        var middle = await admin.Client.GetPageAsync("/backoffice/doelgroep/brieven?deel=2");
        Assert.Equal("Deel 2 van 3.", middle.Document.QuerySelector("[data-testid=letter-part]")!.TextContent.Trim());
        Assert.Equal(size, middle.Document.QuerySelectorAll("[data-testid=letter]").Length);
        Assert.Contains(middle.Document.QuerySelectorAll("[data-testid=letter]"), l => l.TextContent.Contains("Lid " + size.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var links = middle.Document.QuerySelectorAll("[data-testid=letter-parts] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/backoffice/doelgroep/brieven?deel=2&handler=Pdf", "/backoffice/doelgroep/brieven?deel=1", "/backoffice/doelgroep/brieven?deel=3"], links);
        Assert.Equal("3", middle.Document.QuerySelector("input#deel")!.GetAttribute("max"));

        var beyond = await admin.Client.GetPageAsync("/backoffice/doelgroep/brieven?deel=99"); // a number past the end: the last part
        Assert.Equal("Deel 3 van 3.", beyond.Document.QuerySelector("[data-testid=letter-part]")!.TextContent.Trim());
        Assert.Equal("Lid " + (2 * size).ToString(CultureInfo.InvariantCulture), beyond.Document.QuerySelector("[data-testid=letter-address]")!.TextContent.Trim());
        Assert.Null(beyond.Document.QuerySelector("[data-testid=letter-parts] a[rel=next]"));
        Assert.NotNull(beyond.Document.QuerySelector("[data-testid=letter-parts] a[rel=prev]"));
    }
}
