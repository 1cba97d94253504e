using System.Globalization;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Npgsql;

namespace Herstelmeldpunt.Web.Tests.Operations;

/// <summary>
/// Several nodes on PostgreSQL: the release runs 'migrate' once, then nodes start with Database:MigrateOnStartup=false
/// and touch no schema (theirs or Hangfire's), and register the recurring sweeps once they listen.
/// </summary>
public sealed class DeployStepTests
{
    [Fact]
    public async Task The_migrate_step_makes_both_schemas_and_a_node_started_without_migrating_serves_and_registers_its_sweeps()
    {
        using var database = PostgresDatabase.Create();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Herstelmeldpunt"] = database.ConnectionString,
            ["Database__DataDirectory"] = Directory.CreateTempSubdirectory("hm-deploy-").FullName,
            ["Encryption__CurrentKey"] = "test-1",
            ["Encryption__Keys__test-1"] = AppFactory.TestKey,
            ["Encryption__HashKey"] = AppFactory.TestHashKey,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Cookies__SecurePolicy"] = "SameAsRequest", // plain HTTP on loopback, no proxy
        };
        var node = new Dictionary<string, string>(settings) { ["Database__MigrateOnStartup"] = "false" };

        using (var migrate = new AppProcess(AppProcess.FreePort(), node, "migrate"))
        {
            Assert.Contains("Database migrated.", await migrate.WaitForExitAsync(), StringComparison.Ordinal);
        }

        Assert.True(await ScalarAsync<long>(database, """SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'Reports'""") == 1);
        Assert.True(await ScalarAsync<long>(database, """SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'hangfire'""") > 5);
        var migrations = await ScalarAsync<long>(database, """SELECT COUNT(*) FROM "__EFMigrationsHistory" """);

        using var app = new AppProcess(AppProcess.FreePort(), node);
        await app.WaitForReadyAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}") };
        using var form = await client.GetAsync(new Uri("/melden", UriKind.Relative)); // antiforgery: the key ring loads from the database
        Assert.True(form.IsSuccessStatusCode, app.Output);
        var recurring = await WaitForAsync(() => ScalarAsync<long>(database, """SELECT COUNT(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value IN ('workflow-timers', 'outbox-delivery')"""), 2);
        Assert.Equal(2, recurring);
        Assert.Equal(migrations, await ScalarAsync<long>(database, """SELECT COUNT(*) FROM "__EFMigrationsHistory" """));
    }

    private static async Task<long> WaitForAsync(Func<Task<long>> read, long expected)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long value;
        while ((value = await read()) != expected && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        return value;
    }

    private static async Task<T> ScalarAsync<T>(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }
}
