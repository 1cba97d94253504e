using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>Who looked at which case: reads are logged, the log cannot be changed or erased, and the administrator filters it.</summary>
public abstract class AccessLogTests(AppFactory app) : CaseTestBase(app)
{
    [Fact]
    public async Task A_search_that_finds_nobody_leaves_a_row_too_without_what_was_searched()
    {
        var nobody = TestBsn.Next(); // never filed
        var intake = await StaffSession.CreateAccountAsync(App, [StaffRoles.IntakeStaff]);
        var session = await StaffSession.SignInAsync(App, intake);

        var page = await session.Client.GetPageAsync("/backoffice/meldingen?zoek=" + nobody);

        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=cases] tbody tr"));
        var row = await App.WithDbAsync(db => db.AccessLog.SingleAsync(a => a.UserId == intake.Id && a.Action == AccessActions.FoundByBsn));
        Assert.Null(row.CaseId);
        Assert.Contains("found nobody", row.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(nobody, row.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Looking_at_a_list_of_names_without_a_search_leaves_one_row_per_view()
    {
        await App.FileReportAsync(TestBsn.Next(), "Lijst Persoon");
        var intake = await StaffSession.CreateAccountAsync(App, [StaffRoles.IntakeStaff]);
        var session = await StaffSession.SignInAsync(App, intake);

        var list = await session.Client.GetPageAsync("/backoffice/meldingen");
        await session.Client.GetPageAsync("/backoffice/werkvoorraad");

        var shown = list.Document.QuerySelectorAll("[data-testid=cases] tbody tr").Length;
        Assert.True(shown > 0);
        var rows = await App.WithDbAsync(db => db.AccessLog.Where(a => a.UserId == intake.Id && a.Action == AccessActions.ListViewed).ToListAsync());
        Assert.Equal(2, rows.Count); // one per view, not one per name
        Assert.All(rows, r => Assert.Null(r.CaseId));
        Assert.Contains(rows, r => r.Details == $"case list: {shown} names shown, first page");
        Assert.Contains(rows, r => r.Details.StartsWith("worklist: ", StringComparison.Ordinal));
        Assert.DoesNotContain("Lijst Persoon", string.Join(' ', rows.Select(r => r.Details)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewing_a_case_and_finding_it_by_name_are_logged_and_the_administrator_finds_them_by_case_and_by_person()
    {
        var bsn = TestBsn.Next();
        var caseId = await App.FileReportAsync(bsn, "Toegang Persoon");
        var reference = await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.ReferenceNumber).SingleAsync());
        var intake = await StaffSession.CreateAccountAsync(App, [StaffRoles.IntakeStaff], displayName: "Ina Intake");
        var session = await StaffSession.SignInAsync(App, intake);
        await session.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        await session.Client.GetPageAsync("/backoffice/meldingen?zoek=toegang%20persoon");
        var byBsn = await session.Client.GetPageAsync("/backoffice/meldingen?zoek=" + bsn);
        Assert.True(byBsn.Document.QuerySelectorAll("[data-testid=cases] tbody tr").Length == 1, byBsn.Status + " " + byBsn.Document.QuerySelector("[data-testid=cases]")?.TextContent);

        var rows = await App.WithDbAsync(db => db.AccessLog.Where(a => a.UserId == intake.Id).ToListAsync());
        Assert.Contains(rows, r => r.Action == AccessActions.CaseViewed && r.CaseId == caseId && r.Roles == StaffRoles.IntakeStaff);
        Assert.Contains(rows, r => r.Action == AccessActions.FoundByName && r.CaseId == caseId);
        Assert.Contains(rows, r => r.Action == AccessActions.FoundByBsn && r.CaseId == caseId);
        Assert.DoesNotContain(rows, r => r.Details.Contains(bsn, StringComparison.Ordinal) || r.Details.Contains("Toegang", StringComparison.Ordinal));

        var admin = await StaffSession.SignInAsNewAsync(App, StaffRoles.Administrator);
        var byCase = await admin.Client.GetPageAsync("/backoffice/privacy/toegang?zaak=" + reference);
        var lines = byCase.Document.QuerySelectorAll("[data-testid=access-log] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains("Ina Intake", l, StringComparison.Ordinal));
        var byPerson = await admin.Client.GetPageAsync("/backoffice/privacy/toegang?medewerker=Ina");
        Assert.Contains("Zaak bekeken", byPerson.Document.QuerySelector("[data-testid=access-log]")!.TextContent, StringComparison.Ordinal);
        var csv = await admin.Client.GetStringAsync("/backoffice/privacy/toegang?zaak=" + reference + "&handler=Csv");
        Assert.Contains("case.viewed", csv, StringComparison.Ordinal);
        Assert.Equal(2, await App.WithDbAsync(db => db.AccessLog.CountAsync(a => a.UserId == admin.Account.Id && a.Action == AccessActions.AccessLogViewed)));
        Assert.Equal(1, await App.WithDbAsync(db => db.AccessLog.CountAsync(a => a.UserId == admin.Account.Id && a.Action == AccessActions.AccessLogExported)));

        // Unfiltered: every row so far, logged with its count before it is sent, and the export is not in its own file.
        App.Clock.Advance(TimeSpan.FromSeconds(1)); // so this export's own log row is the newest
        var all = await admin.Client.GetStringAsync("/backoffice/privacy/toegang?handler=Csv");
        var dataLines = all.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var logged = await App.WithDbAsync(db => db.AccessLog.Where(a => a.UserId == admin.Account.Id && a.Action == AccessActions.AccessLogExported).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Details).FirstAsync());
        Assert.StartsWith($"{dataLines} rows;", logged, StringComparison.Ordinal);
        Assert.Equal(await App.WithDbAsync(db => db.AccessLog.CountAsync()) - 1, dataLines);
    }

    [Fact]
    public async Task The_access_log_cannot_be_changed_or_erased_whoever_tries()
    {
        var caseId = await App.FileReportAsync(TestBsn.Next());
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");

        await Assert.ThrowsAnyAsync<Exception>(() => App.WithDbAsync(db => db.AccessLog.Where(a => a.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "iemand anders"))));
        await Assert.ThrowsAnyAsync<Exception>(() => App.WithDbAsync(db => db.AccessLog.Where(a => a.CaseId == caseId).ExecuteDeleteAsync()));

        var row = await App.WithDbAsync(db => db.AccessLog.SingleAsync(a => a.CaseId == caseId));
        Assert.Equal(intake.Account.Id, row.UserId);
    }
}

public sealed class AccessLogTestsOnSqlite(SqliteAppFactory app) : AccessLogTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AccessLogTestsOnPostgres(PostgresAppFactory app) : AccessLogTests(app), IClassFixture<PostgresAppFactory>;
