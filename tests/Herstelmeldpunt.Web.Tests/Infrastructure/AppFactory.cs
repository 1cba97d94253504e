using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// The whole app on a real database: a fresh SQLite file in a temporary data directory, or a fresh
/// database on the PostgreSQL server of ./test.sh. Runs in the Production environment, so error
/// pages are the ones the public sees. The clock is a <see cref="FakeTimeProvider"/>.
/// </summary>
public abstract class AppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    static AppFactory()
    {
        // Dozens of app hosts live in one test process, and each page with asp-append-version watches wwwroot: with
        // inotify the machine's 128 instances per user ran out ("The configured user limit (128) on the number of
        // inotify instances has been reached"). Polling watchers use none. (test.sh also turns off reload-on-change.)
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    protected AppFactory()
    {
        DataDirectory = Directory.CreateTempSubdirectory("herstelmeldpunt-test-").FullName;
        ClientOptions.BaseAddress = new Uri("https://localhost"); // the app runs as Production: its cookies are Secure
    }

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    public LogCapture Logs { get; } = new();

    public string DataDirectory { get; }

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string of the test database (PostgreSQL), for tools such as pg_dump.</summary>
    public string DatabaseConnectionString => ConnectionString ?? string.Empty;

    /// <summary>Null for the embedded default (a file in <see cref="DataDirectory"/>).</summary>
    protected abstract string? ConnectionString { get; }

    /// <summary>Set before the app starts to scan uploads with a real clamd (<see cref="ClamdSink"/>); without it uploads are off.</summary>
    public int? ClamAvPort { get; set; }

    /// <summary>Set before the app starts to deliver mail to a real SMTP server instead of the pickup directory.</summary>
    public int? SmtpPort { get; set; }

    /// <summary>Hangfire runs the sweeps by itself (every second). Off by default: most tests call the sweeps' work directly.</summary>
    public bool EnableScheduler { get; set; }

    /// <summary>Keep the real clock (for tests where time must pass, such as the scheduler's); <see cref="Clock"/> is then unused.</summary>
    public bool UseSystemClock { get; set; }

    /// <summary>More settings for this app (set before it starts), for example a low limit to test it.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        // The test server has no client address: every request shares one rate-limit partition.
        ["ReporterAccess:LinkRequestsPerAddress"] = "1000",
        ["Intake:RequestsPerAddress"] = "100000",
        // The test clock stands still while a test fills in the form: the bot barrier's minimum fill time is
        // tested on its own (IntakeProtectionTests) with the real setting.
        ["Intake:MinimumFillTime"] = "00:00:00",
        // ... and a minute lasts the whole test: the ceiling of reports per minute is tested on its own (IntakeProtectionTests).
        ["Intake:ReportsPerMinute"] = "100000",
        // Tests file many reports with the same address; the one-receipt-an-hour rule is tested on its own.
        ["Intake:ReceiptMailInterval"] = "00:00:00",
        // One key set for every test app, so they share one EF model (the model holds the keys); the key
        // file a first start makes is tested on its own (FieldEncryptionTests).
        // The dashboard's figures are compared with direct counts after each change; its one-minute cache is tested on its own.
        ["Figures:ComputeOnEveryView"] = "true",
        // Links in mails point here, never at the request's Host (Production refuses to start without it).
        ["Email:PublicBaseUrl"] = "https://localhost",
        // Real-looking contact details: the shipped placeholders stop a Production start (ReportingPointContact).
        ["ReportingPoint:Phone"] = TestContact.Phone,
        ["ReportingPoint:Email"] = TestContact.Email,
        ["ReportingPoint:PostalAddress"] = TestContact.PostalAddress,
        ["Encryption:CurrentKey"] = "test-1",
        ["Encryption:Keys:test-1"] = TestKey,
        ["Encryption:HashKey"] = TestHashKey,
    };

    /// <summary>The contact details every test app (and app process) has.</summary>
    public static readonly Herstelmeldpunt.Web.Reporters.ReportingPointContact TestContact = new()
    {
        Phone = "0800 123 4567",
        Email = "meldpunt@meldpunt.test",
        PostalAddress = "Meldpunt herstelactie, Postbus 12345, 1000 AB Amsterdam",
    };

    /// <summary>The test apps' encryption key (base64 of 32 bytes; the same in every run).</summary>
    public const string TestKey = "dGVzdC1rZXktb2YtdGhpcnR5LXR3by1ieXRlcy0hISE=";

    public const string TestHashKey = "dGVzdC1oYXNoLWtleS1vZi10aGlydHktdHdvLWJ5dGU=";

    /// <summary>Starts the app on real Kestrel on a free loopback port and returns its address (plain HTTP).</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    public AppDbContext CreateDbContext() => Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Herstelmeldpunt", ConnectionString ?? string.Empty);
        builder.UseSetting("BackgroundJobs:Enabled", EnableScheduler ? "true" : "false");
        builder.UseSetting("BackgroundJobs:SweepPollInterval", "00:00:00.250");
        builder.UseSetting("BackgroundJobs:QueuePollInterval", "00:00:01");
        builder.UseSetting("BackgroundJobs:TimerWorkers", "2");
        builder.UseSetting("BackgroundJobs:MailWorkers", "2");
        if (ClamAvPort is { } clamAvPort)
        {
            builder.UseSetting("Documents:ClamAvHost", "127.0.0.1");
            builder.UseSetting("Documents:ClamAvPort", clamAvPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (SmtpPort is { } port)
        {
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            if (!UseSystemClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }
}

public sealed class SqliteAppFactory : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string? ConnectionString => null;

    public string DatabaseFile => Path.Combine(DataDirectory, "herstelmeldpunt.db");
}

public sealed class PostgresAppFactory : AppFactory
{
    private readonly PostgresDatabase database = PostgresDatabase.Create();

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override string? ConnectionString => database.ConnectionString;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            database.Dispose();
        }
    }
}

/// <summary>An app instance on a PostgreSQL database that another instance shares (a cluster of two).</summary>
public sealed class SharedPostgresAppFactory(string connectionString) : AppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override string? ConnectionString => connectionString;
}

/// <summary>A database of its own on the test server, dropped afterwards.</summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly string adminConnectionString;
    private readonly string name;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static PostgresDatabase Create()
    {
        var admin = TestServices.PostgresAdminConnectionString;
        var name = "hm_test_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return new PostgresDatabase(admin, name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
