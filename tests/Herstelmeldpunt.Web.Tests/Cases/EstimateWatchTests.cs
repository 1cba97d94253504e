using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Cases;

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
}

public sealed class EstimateWatchTestsOnSqlite : EstimateWatchTests<SqliteAppFactory>;

public sealed class EstimateWatchTestsOnPostgres : EstimateWatchTests<PostgresAppFactory>;
