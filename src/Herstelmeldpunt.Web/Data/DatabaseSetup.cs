using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herstelmeldpunt.Web.Data;

/// <summary>Chooses the provider from configuration and applies migrations.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Reads the "Database" section and the connection string; the data directory comes back as a full
    /// path, created if missing. Without a connection string, SQLite uses data/herstelmeldpunt.db.
    /// </summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.DataDirectory = Path.GetFullPath(options.DataDirectory, contentRoot);
        Directory.CreateDirectory(options.DataDirectory);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        options.ConnectionString = options.Provider switch
        {
            DatabaseProvider.Sqlite when string.IsNullOrWhiteSpace(connectionString) => new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(options.DataDirectory, "herstelmeldpunt.db"),
                ForeignKeys = true,
            }.ToString(),
            DatabaseProvider.PostgreSql when string.IsNullOrWhiteSpace(connectionString) => throw new InvalidOperationException(
                "Database:Provider is PostgreSql but ConnectionStrings:Herstelmeldpunt is empty. " +
                "Set it, for example ConnectionStrings__Herstelmeldpunt=\"Host=localhost;Database=herstelmeldpunt;Username=...;Password=...\"."),
            DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql => connectionString!,
            _ => throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or PostgreSql."),
        };
        var owner = configuration.GetConnectionString(DatabaseOptions.OwnerConnectionStringName);
        options.OwnerConnectionString = options.Provider == DatabaseProvider.PostgreSql && !string.IsNullOrWhiteSpace(owner) ? owner : null;
        return options;
    }

    private static readonly SqliteBusyTimeout BusyTimeout = new();

    /// <summary>
    /// The context, pooled (ADR 0021): a request leases a context whose EF services are already set up and hands it
    /// back cleared. Needs the <see cref="FieldCipher"/> registered.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        var connectionString = options.ConnectionString;
        return options.Provider == DatabaseProvider.Sqlite
            ? services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(connectionString).AddInterceptors(BusyTimeout).AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()).UseFieldCipher(sp.GetRequiredService<FieldCipher>()))
            : services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(WithConnectionDefaults(connectionString)).AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()).UseFieldCipher(sp.GetRequiredService<FieldCipher>()));
    }

    /// <summary>
    /// The application's statements are prepared on each pooled connection once they repeat (Npgsql's automatic
    /// preparation; prepared statements survive the connection's return to the pool), so PostgreSQL parses the
    /// intake's look-up and inserts once per connection instead of on every report, and still plans each execution
    /// for its values; a connection going back to the pool is not reset, as the application sets no session state
    /// (no session-level SET, no advisory locks; an open transaction is still rolled back). ADR 0021. A connection string that
    /// names a setting keeps its own.
    /// </summary>
    public static string WithConnectionDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToHashSet(); // "Max Auto Prepare" or "MaxAutoPrepare"
        if (!named.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!named.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        if (builder.Options?.Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase) != true)
        {
            // Every execution still gets its own plan (only the parsing is saved): a generic plan does not know a
            // LIMIT's value and planned the managers' overdue list as a join of every escalated timer (2.5 s at 1M).
            builder.Options = string.Join(' ', new[] { builder.Options, "-c plan_cache_mode=force_custom_plan" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Applies pending migrations: as the tables' owner when <see cref="DatabaseOptions.OwnerConnectionString"/> is set,
    /// otherwise on the application's own connection. On SQLite also switches to WAL so readers do not block the writer.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<DatabaseOptions>().OwnerConnectionString is { } owner)
        {
            await using var asOwner = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
                .UseNpgsql(owner).UseFieldCipher(services.GetRequiredService<FieldCipher>()).Options);
            await asOwner.Database.MigrateAsync(cancellationToken);
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
