using System.Diagnostics;
using System.Net;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Herstelmeldpunt.Web.Tests.Scheduling;

/// <summary>
/// The real app as its own process (SQLite, Hangfire on its in-memory storage), killed with SIGKILL after a timer was scheduled
/// and started again after it became due: the timer still fires, and only once.
/// </summary>
public sealed class DurabilityTests
{
    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_timer_scheduled_before_a_hard_kill_fires_once_after_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("hm-durable-").FullName;
        var database = Path.Combine(data, "herstelmeldpunt.db");
        var port = AppProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Cookies__SecurePolicy"] = "SameAsRequest", // plain HTTP on loopback, no proxy
            ["Database__DataDirectory"] = data,
            ["BackgroundJobs__SweepPollInterval"] = "00:00:00.250",
            ["Intake__MinimumFillTime"] = "00:00:00", // the test fills the form in milliseconds
        };
        try
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = true, UseCookies = true, CookieContainer = new CookieContainer() };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using (var first = new AppProcess(port, settings))
            {
                await first.WaitForReadyAsync();
                var form = await client.GetPageAsync("/melden");
                var answers = IntakeJourney.ValidAnswers("Duurzaam");
                var review = await client.PostFormAsync(form, "/melden?handler=Review", answers);
                var receipt = await client.PostFormAsync(review, "/melden?handler=Submit");
                Assert.NotNull(receipt.Document.QuerySelector("[data-testid=reference]"));

                // A manager to escalate to, and the screening deadline due three seconds from now.
                await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = """
                        INSERT INTO AspNetUsers (Id, DisplayName, IsDisabled, CreatedAt, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                        VALUES ('manager-1', 'Manager', 0, '2026-01-01 00:00:00', 'm@example.nl', 'M@EXAMPLE.NL', 'm@example.nl', 'M@EXAMPLE.NL', 1, 0, 0, 1, 0);
                        INSERT INTO AspNetUserRoles (UserId, RoleId) SELECT 'manager-1', Id FROM AspNetRoles WHERE Name = 'Manager';
                        UPDATE WorkflowTimers SET DueAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '+3 seconds');
                        """;
                    await command.ExecuteNonQueryAsync();
                }

                first.Kill();
            }

            Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM WorkflowTimers WHERE FiredAt IS NOT NULL"));
            await Task.Delay(TimeSpan.FromSeconds(4)); // due while nothing runs

            using var second = new AppProcess(port, settings);
            await second.WaitForReadyAsync();
            var watch = Stopwatch.StartNew();
            while (await ScalarAsync<long>(database, "SELECT COUNT(*) FROM WorkflowTimers WHERE FiredAt IS NULL") > 0 && watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(250);
            }

            Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM WorkflowTimers WHERE FiredAt IS NULL"));
            Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT COUNT(*) FROM OutboxMessages WHERE IdempotencyKey LIKE 'escalation:%'"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
