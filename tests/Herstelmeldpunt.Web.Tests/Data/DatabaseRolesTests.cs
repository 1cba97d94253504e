using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Herstelmeldpunt.Web.Tests.Data;

/// <summary>
/// PostgreSQL with the tables' owner apart from the portal's login (probe of issue 27, item 9: an audit row was deleted
/// through the application's own role). The owner migrates; the portal, as a member of herstelmeldpunt_app, files
/// reports, works cases, runs the background jobs and writes the logs, but cannot change, delete, empty or unprotect them.
/// </summary>
public sealed class DatabaseRolesTests
{
    [Fact]
    public async Task The_portal_login_works_cases_and_only_adds_to_the_append_only_logs()
    {
        using var database = PostgresDatabase.Create();
        var login = "hm_web_" + Guid.NewGuid().ToString("N")[..10];
        var password = Guid.NewGuid().ToString("N");
        await PostgresSql.ExecuteAsync(TestServices.PostgresAdminConnectionString, $"""
            DO $$ BEGIN CREATE ROLE herstelmeldpunt_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            CREATE ROLE {login} LOGIN PASSWORD '{password}' IN ROLE herstelmeldpunt_app;
            """);
        try
        {
            var asPortal = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = login, Password = password }.ConnectionString;
            // Hangfire too runs as the login (its schema made by the owner): time must really pass for it.
            await using (var app = new SharedPostgresAppFactory(asPortal) { EnableScheduler = true, UseSystemClock = true })
            {
                app.Settings["ConnectionStrings:HerstelmeldpuntOwner"] = database.ConnectionString; // the owner migrates
                var caseId = await app.FileReportAsync(TestBsn.Next(), "Rechten Melder");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while (!await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SentAt != null)) && watch.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(250);
                }

                Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SentAt != null)), "the receipt was not delivered by Hangfire's sweep running as the portal's login within 30 s");
                var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff); // an audit row (sign-in) and roles
                Assert.Equal(System.Net.HttpStatusCode.OK, (await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}")).Status); // an access-log row
            }

            Assert.True(await PostgresSql.CountAsync(database.ConnectionString, """SELECT count(*) FROM "AuditEntries" """) > 0);
            Assert.True(await PostgresSql.CountAsync(database.ConnectionString, """SELECT count(*) FROM "AccessLog" """) > 0);

            var asPortalPlain = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = login, Password = password }.ConnectionString;
            foreach (var change in new[]
            {
                """DELETE FROM "AuditEntries" """,
                """UPDATE "AuditEntries" SET "Details" = 'weg'""",
                """TRUNCATE "AccessLog" """,
                """DELETE FROM "DeletionLog" """,
                """ALTER TABLE "AccessLog" DISABLE TRIGGER "AccessLog_NoDelete" """,
                """DROP TABLE "AuditEntries" """,
            })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => PostgresSql.ExecuteAsync(asPortalPlain, change));
                Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{change}: {refused.SqlState} {refused.MessageText}");
            }

            Assert.True(await PostgresSql.CountAsync(asPortalPlain, """SELECT count(*) FROM "AuditEntries" """) > 0); // it reads them
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresSql.ExecuteAsync(TestServices.PostgresAdminConnectionString, $"DROP ROLE IF EXISTS {login}");
        }
    }
}
