using System.Globalization;
using System.Net;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>
/// The report to parliament (issue 30 item 5): after each four-month period the job makes one PDF of the period's
/// figures and keeps it; managers list and download it and print any period on demand; the figures read back from the
/// PDF are the dashboard's for that period.
/// </summary>
public abstract class ParliamentReportTests(AppFactory app) : CaseTestBase(app)
{
    private static readonly CultureInfo Dutch = new("nl-NL");

    private static string Shown(int count) => count is > 0 and < 10 ? "minder dan 10" : count.ToString("N0", Dutch);

    private async Task<Guid?> RunJobAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParliamentReports>().RunAsync(CancellationToken.None);
    }

    private async Task<DashboardFigures> DashboardAsync(DateOnly from, DateOnly to)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Dashboard>().FiguresAsync(new Period(from, to), CancellationToken.None);
    }

    [Fact]
    public async Task After_each_period_the_job_keeps_one_report_whose_figures_read_back_as_the_dashboards()
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var decided = await App.FileReportAsync(bsn);
        await desk.DecideAsync(decided, D(("adopts_advice", "yes")));
        await App.FileReportAsync(TestBsn.Next());

        // 1 January 2027, 7:00 in Amsterdam: September to December has ended.
        App.Clock.AdjustTime(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero));
        var made = await RunJobAsync();
        Assert.NotNull(made);
        Assert.Null(await RunJobAsync()); // one per period, however often it runs
        var kept = await App.WithDbAsync(db => db.Set<ParliamentReport>().SingleAsync(r => r.Id == made));
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 31)), (kept.PeriodFrom, kept.PeriodTo));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(kept.Pdf)), kept.Sha256);

        var text = PdfText.All(kept.Pdf);
        var figures = await DashboardAsync(kept.PeriodFrom, kept.PeriodTo);
        Assert.Contains("1 september 2026 tot en met 31 december 2026", text, StringComparison.Ordinal);
        Assert.Contains($"Meldingen ontvangen {Shown(figures.Received)} ", text, StringComparison.Ordinal);
        Assert.Contains($"{Shown(figures.DecisionTerm.Decided)} besluiten, waarvan {Shown(figures.DecisionTerm.WithinTerm)} binnen de wettelijke termijn", text, StringComparison.Ordinal);
        Assert.Contains("Per maand", text, StringComparison.Ordinal);
        Assert.Contains("november 2026", text, StringComparison.Ordinal);
        Assert.Contains("Kalenderdagen van de ontvangst", text, StringComparison.Ordinal); // each figure says what it counts

        // Listed for managers, and the download is the kept file.
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var list = await manager.Client.GetPageAsync("/backoffice/rapportages");
        Assert.NotNull(list.Document.QuerySelector($"[data-testid=reports] tr[data-id='{made}']"));
        var download = await manager.Client.GetByteArrayAsync(new Uri($"/backoffice/rapportages?handler=Download&id={made}", UriKind.Relative));
        Assert.Equal(kept.Pdf, download);
    }

    [Fact]
    public async Task A_manager_prints_any_period_on_demand_and_impossible_periods_are_refused()
    {
        await App.FileReportAsync(TestBsn.Next());
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        using var response = await manager.Client.GetAsync(new Uri("/backoffice/rapportages?handler=Pdf&van=2026-11-01&tot=2026-11-23", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText.All(await response.Content.ReadAsByteArrayAsync());
        var figures = await DashboardAsync(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 23));
        Assert.Contains("1 november 2026 tot en met 23 november 2026", text, StringComparison.Ordinal);
        Assert.Contains($"Meldingen ontvangen {Shown(figures.Received)} ", text, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ParliamentReport>().CountAsync(r => r.PeriodFrom == new DateOnly(2026, 11, 1))));

        var reversed = await manager.Client.GetPageAsync("/backoffice/rapportages?handler=Pdf&van=2026-11-23&tot=2026-11-01");
        Assert.Equal(["Vul twee datums in als jjjj-mm-dd, de eerste niet na de tweede."], reversed.ErrorSummaryTexts);
        var future = await manager.Client.GetPageAsync("/backoffice/rapportages?handler=Pdf&van=2026-11-01&tot=2027-03-01");
        Assert.Equal(["De periode mag niet na vandaag eindigen."], future.ErrorSummaryTexts);

        using (await manager.Client.GetAsync(new Uri("/taal/en?terug=/backoffice/rapportages", UriKind.Relative)))
        {
        }

        using var english = await manager.Client.GetAsync(new Uri("/backoffice/rapportages?handler=Pdf&van=2026-11-01&tot=2026-11-23", UriKind.Relative));
        Assert.Contains("Progress report of the recovery reporting point, 1 November 2026 to 23 November 2026", PdfText.All(await english.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        using var refused = await intake.Client.GetAsync(new Uri("/backoffice/rapportages", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}

public sealed class ParliamentReportTestsOnSqlite(SqliteAppFactory app) : ParliamentReportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ParliamentReportTestsOnPostgres(PostgresAppFactory app) : ParliamentReportTests(app), IClassFixture<PostgresAppFactory>;
