using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Data;

/// <summary>The portal's contexts are pooled (ADR 0021): a request leases a context and hands it back cleared.</summary>
public abstract class ContextPoolTests(AppFactory app)
{
    [Fact]
    public async Task A_context_handed_back_is_leased_again_with_nothing_of_the_request_before_it()
    {
        var leased = new List<AppDbContext>();
        for (var request = 0; request < 20; request++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Empty(db.ChangeTracker.Entries()); // also when an earlier request left one unsaved
            Assert.Equal(0, await db.Reports.CountAsync(r => r.FullName == "Nooit Bewaard"));
            db.Reports.Add(new Report { Id = Guid.NewGuid(), ReferenceNumber = ReferenceNumber.NewNumber(), IdempotencyKey = Guid.NewGuid(), FullName = "Nooit Bewaard", Bsn = "111222333", Description = "niet opgeslagen" });
            leased.Add(db);
        }

        Assert.True(leased.Distinct().Count() < leased.Count, "every request got a new context: the pool is not used");
    }
}

public sealed class ContextPoolTestsOnSqlite(SqliteAppFactory app) : ContextPoolTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ContextPoolTestsOnPostgres(PostgresAppFactory app) : ContextPoolTests(app), IClassFixture<PostgresAppFactory>
{
    [Fact]
    public async Task A_statement_the_portal_repeats_is_prepared_on_its_connection_and_still_planned_for_its_values()
    {
        var reference = ReferenceNumber.NewNumber();
        var prepared = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(); // one connection for the whole check (pg_prepared_statements is per connection)
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    _ = await db.Reports.AnyAsync(r => r.ReferenceNumber == reference);
                }

                var statements = await db.Database.SqlQueryRaw<string>("""SELECT statement AS "Value" FROM pg_prepared_statements""").ToListAsync();
                Assert.Equal("force_custom_plan", await db.Database.SqlQueryRaw<string>("""SELECT current_setting('plan_cache_mode') AS "Value" """).SingleAsync());
                return statements;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Contains(prepared, s => s.Contains("\"ReferenceNumber\" = $1", StringComparison.Ordinal));
    }
}
