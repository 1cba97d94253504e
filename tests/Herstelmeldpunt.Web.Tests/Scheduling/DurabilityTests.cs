using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Herstelmeldpunt.Web.Tests.Scheduling;

/// <summary>
/// The real app as its own process (SQLite, Hangfire on its in-memory storage), killed with SIGKILL after a timer was scheduled
/// and started again after it became due: the timer still fires, and only once.
/// </summary>
public sealed class DurabilityTests
{
    private sealed class AppProcess : IDisposable
    {
        private readonly Process process;

        public AppProcess(string dataDirectory, int port)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Herstelmeldpunt.Web.dll") },
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["Database__Provider"] = "Sqlite";
            info.Environment["Cookies__SecurePolicy"] = "SameAsRequest"; // plain HTTP on loopback, no proxy
            info.Environment["Database__DataDirectory"] = dataDirectory;
            info.Environment["BackgroundJobs__SweepPollInterval"] = "00:00:00.250";
            info.Environment["Intake__MinimumFillTime"] = "00:00:00"; // the test fills the form in milliseconds
            info.Environment["Workflow__DefinitionsDirectory"] = Path.Combine(AppContext.BaseDirectory, "workflows");
            process = Process.Start(info) ?? throw new InvalidOperationException("could not start the app");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public void Kill()
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no clean-up
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }

            process.Dispose();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitForReadyAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The app process did not become ready within 60 s.");
    }

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
        var port = FreePort();
        try
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = true, UseCookies = true, CookieContainer = new CookieContainer() };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using (var first = new AppProcess(data, port))
            {
                await WaitForReadyAsync(client);
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

            using var second = new AppProcess(data, port);
            await WaitForReadyAsync(client);
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
