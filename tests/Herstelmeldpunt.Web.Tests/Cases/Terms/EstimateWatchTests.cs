using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Cases.Terms;

/// <summary>The daily check: people are told when their expected decision date moved by more than a week, once.</summary>
public abstract class EstimateWatchTests<TFactory>
    where TFactory : AppFactory, new()
{
    private static async Task<int> RunAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EstimateWatch>().RunAsync(CancellationToken.None);
    }

    private static Task<int> MailsAsync(AppFactory app) =>
        app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "estimate_changed"));

    [Fact]
    public async Task The_first_estimate_is_remembered_a_move_of_more_than_a_week_is_mailed_once_and_a_small_one_not_at_all()
    {
        await using var app = new TFactory();
        var moved = await app.FileReportAsync(TestBsn.Next());
        var steady = await app.FileReportAsync(TestBsn.Next());

        Assert.Equal(0, await RunAsync(app));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ReporterEstimate>().CountAsync()));
        Assert.Equal(0, await MailsAsync(app));

        // What the first person was told is now 30 days off; the second one's only 3 days.
        await app.WithDbAsync(db => db.Set<ReporterEstimate>().Where(e => e.CaseId == moved)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DecisionTo, e => e.DecisionTo.AddDays(-30))));
        await app.WithDbAsync(db => db.Set<ReporterEstimate>().Where(e => e.CaseId == steady)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DecisionTo, e => e.DecisionTo.AddDays(-3))));

        Assert.Equal(1, await RunAsync(app));
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Template == "estimate_changed"));
        Assert.Equal(moved, mail.CaseId);
        Assert.Contains("Wij verwachten het besluit nu tussen", mail.TextBody, StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync(app)); // told once
        Assert.Equal(1, await MailsAsync(app));
    }

    [Fact]
    public async Task When_recent_history_says_the_term_will_be_missed_the_person_gets_one_apology_with_their_rights_and_the_manager_sees_the_case()
    {
        await using var app = new TFactory();
        await using (var db = app.CreateDbContext())
        {
            // Twelve cases recently spent 90 days with the committee: a new report cannot be decided within 40 working days.
            var history = new StayHistory(db, app.Clock.GetUtcNow());
            for (var i = 0; i < 12; i++)
            {
                history.Left(enteredDaysAgo: 100, stayedDays: 90, state: "with_committee", next: "decision_final");
            }

            await db.SaveChangesAsync();
        }

        var late = await app.FileReportAsync(TestBsn.Next());

        Assert.Equal(1, await RunAsync(app));
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Template == EstimateWatch.LateTemplate));
        Assert.Equal(late, mail.CaseId);
        Assert.Contains("Het spijt ons", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("ingebrekestelling", mail.TextBody, StringComparison.Ordinal);
        var due = await app.WithDbAsync(db => db.Set<CaseDeadline>().Where(d => d.CaseId == late).Select(d => d.DueOn).SingleAsync());
        Assert.Contains(due.ToString("dddd d MMMM yyyy", Herstelmeldpunt.Web.Localization.Cultures.Dutch), mail.TextBody, StringComparison.Ordinal); // the legal term it cites
        Assert.True(await app.WithDbAsync(db => db.Set<ReporterEstimate>().Where(e => e.CaseId == late).Select(e => e.ExpectedLate).SingleAsync()));

        Assert.Equal(0, await RunAsync(app)); // one apology, not one a day
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == EstimateWatch.LateTemplate)));

        var manager = await StaffSession.SignInAsNewAsync(app, Herstelmeldpunt.Web.Staff.StaffRoles.Manager);
        var urgent = await manager.Client.GetPageAsync("/backoffice/dashboard/urgent");
        Assert.StartsWith("1 open zaak wordt naar verwachting na de wettelijke termijn", urgent.Document.QuerySelector("[data-testid=expected-late]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Single(urgent.Document.QuerySelectorAll("[data-testid=late-tag]"));
    }
}

public sealed class EstimateWatchTestsOnSqlite : EstimateWatchTests<SqliteAppFactory>;

public sealed class EstimateWatchTestsOnPostgres : EstimateWatchTests<PostgresAppFactory>;
