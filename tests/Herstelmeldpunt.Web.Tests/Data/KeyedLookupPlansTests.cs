using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Data;

public sealed class KeyedLookupPlansTests(PostgresAppFactory app) : IClassFixture<PostgresAppFactory>
{
    private static Task<string> PlanCacheModeAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<string>("""SELECT current_setting('plan_cache_mode') AS "Value" """).SingleAsync();

    [Fact]
    public async Task Cached_plans_are_allowed_inside_the_unit_of_work_and_nowhere_after_it()
    {
        var (inside, after, savepoints) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(); // the same connection before, during and after
            try
            {
                var opened = await KeyedLookupPlans.BeginAsync(db, CancellationToken.None);
                var during = await PlanCacheModeAsync(db);
                await KeyedLookupPlans.EndAsync(db, opened);
                return (during, await PlanCacheModeAsync(db), db.Database.AutoSavepointsEnabled);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal("auto", inside);
        Assert.Equal("force_custom_plan", after); // SET LOCAL ended with the transaction: nothing stays on the pooled connection
        Assert.True(savepoints);
    }

    [Fact]
    public async Task What_the_unit_of_work_did_not_commit_is_rolled_back_when_it_ends()
    {
        var reference = ReferenceNumber.NewNumber();
        await app.WithDbAsync(async db =>
        {
            var opened = await KeyedLookupPlans.BeginAsync(db, CancellationToken.None);
            db.Reports.Add(new Report { Id = Guid.NewGuid(), ReferenceNumber = reference, IdempotencyKey = Guid.NewGuid(), FullName = "Niet Bevestigd", Bsn = "111222333", Description = "niet vastgelegd" });
            await db.SaveChangesAsync();
            await KeyedLookupPlans.EndAsync(db, opened);
            return 0;
        });

        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.ReferenceNumber == reference)));
    }

    [Fact]
    public async Task A_callers_own_transaction_stays_the_callers()
    {
        var (opened, mode, stillOpen) = await app.WithDbAsync(async db =>
        {
            await using var callers = await db.Database.BeginTransactionAsync();
            var opened = await KeyedLookupPlans.BeginAsync(db, CancellationToken.None);
            var mode = await PlanCacheModeAsync(db);
            await KeyedLookupPlans.EndAsync(db, opened);
            return (opened, mode, db.Database.CurrentTransaction == callers);
        });

        Assert.False(opened);
        Assert.Equal("force_custom_plan", mode);
        Assert.True(stillOpen);
    }
}
