using System.IO.Compression;
using System.Net;
using System.Text;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>A person's request to see their file (GDPR art. 15): found by a posted BSN, downloaded whole as one ZIP, logged.</summary>
public abstract class PersonFileTests(AppFactory app) : CaseTestBase(app)
{
    [Fact]
    public async Task The_privacy_officer_downloads_one_persons_whole_file_with_who_looked_at_it()
    {
        var bsn = TestBsn.Next();
        var answers = IntakeJourney.ValidAnswers("Inzage Persoon");
        answers["Form.Bsn"] = bsn;
        answers["Form.Email"] = "";
        answers["Form.AddressStreet"] = "Dorpsstraat 12";
        answers["Form.AddressPostcode"] = "1234 AB";
        answers["Form.AddressCity"] = "Amsterdam";
        var receipt = await new IntakeJourney(App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        var intake = await StaffSession.CreateAccountAsync(App, [StaffRoles.IntakeStaff], displayName: "Kijker Intake");
        var casePage = await (await StaffSession.SignInAsync(App, intake)).Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        Assert.Equal("Dorpsstraat 121234 AB  AMSTERDAM", casePage.Document.QuerySelector("[data-testid=postal-address]")!.TextContent.Trim()); // <br> after the street; postcode and city as on an envelope (was "1234 ABAmsterdam")
        var officer = await StaffSession.SignInAsNewAsync(App, StaffRoles.PrivacyOfficer);
        var page = await officer.Client.GetPageAsync("/backoffice/privacy/inzage");

        var noReason = await officer.Client.PostFormAsync(page, "/backoffice/privacy/inzage?handler=Search", new Dictionary<string, string?> { ["Bsn"] = bsn });
        Assert.Contains("Vul de reden in", string.Join(' ', noReason.ErrorSummaryTexts), StringComparison.Ordinal);
        var found = await officer.Client.PostFormAsync(page, "/backoffice/privacy/inzage?handler=Search", new Dictionary<string, string?> { ["Bsn"] = bsn, ["Reason"] = "Inzageverzoek per brief" });
        Assert.Contains(reference, found.Document.QuerySelector("[data-testid=person-reports]")!.TextContent, StringComparison.Ordinal);

        var fields = found.FormFields("form[action$='handler=Download']");
        using var content = new FormUrlEncodedContent(fields);
        using var response = await officer.Client.PostAsync(new Uri("/backoffice/privacy/inzage?handler=Download", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        string Text(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }

        Assert.Contains("Inzage Persoon", Text("gegevens.json"), StringComparison.Ordinal);
        Assert.Contains("Dorpsstraat 12", Text("gegevens.json"), StringComparison.Ordinal);
        var reads = Text("wie-keek-in-het-dossier.csv");
        Assert.Contains("Kijker Intake", reads, StringComparison.Ordinal);
        Assert.Contains("case.viewed", reads, StringComparison.Ordinal);
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("brieven/", StringComparison.Ordinal) && e.FullName.Contains("receipt", StringComparison.Ordinal));

        Assert.True(await App.WithDbAsync(db => db.AccessLog.AnyAsync(a => a.UserId == officer.Account.Id && a.Action == AccessActions.PersonFileExported && a.CaseId == caseId)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PersonFileExported && a.Subject == reference)));
        Assert.DoesNotContain(await App.WithDbAsync(db => db.AccessLog.Select(a => a.Details).ToListAsync()), d => d.Contains(bsn, StringComparison.Ordinal));
    }
}

public sealed class PersonFileTestsOnSqlite(SqliteAppFactory app) : PersonFileTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PersonFileTestsOnPostgres(PostgresAppFactory app) : PersonFileTests(app), IClassFixture<PostgresAppFactory>;
