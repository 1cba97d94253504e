using System.Data.Common;
using Herstelmeldpunt.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// A database of its own for one benchmark run, migrated, removed afterwards: a database on the PostgreSQL benchmark
/// server, or (the embedded default) a SQLite file in a directory of its own.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string admin;

    private BenchDatabase(bool sqlite, string admin, string name, string connectionString)
    {
        IsSqlite = sqlite;
        this.admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>True for the SQLite file (the portal's embedded default), false for PostgreSQL.</summary>
    public bool IsSqlite { get; }

    /// <summary>"PostgreSQL" or "SQLite", for the figures.</summary>
    public string ProviderName => IsSqlite ? "SQLite" : "PostgreSQL";

    /// <summary>The value of the portal's Database:Provider setting for this database.</summary>
    public string ProviderSetting => IsSqlite ? "Sqlite" : "PostgreSql";

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The key of the keyed hashes (BSN, name words), known here so the seed SQL can compute them with pgcrypto.</summary>
    public byte[] HashKey { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>The key that encrypts personal data here; the app nodes of a benchmark get the same (AppNode).</summary>
    public byte[] EncryptionKey { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public FieldCipher Cipher => cipher ??= new FieldCipher(new Dictionary<string, byte[]> { ["bench"] = EncryptionKey }, "bench", HashKey);

    /// <summary>A context with this database's keys and its provider's migrations.</summary>
    public AppDbContext NewContext() => IsSqlite
        ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString).UseFieldCipher(Cipher).Options)
        : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).UseFieldCipher(Cipher).Options);

    private FieldCipher? cipher;

    public static async Task<BenchDatabase> CreateAsync(string admin)
    {
        var name = "hm_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new BenchDatabase(false, admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ConnectionString);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A new SQLite file (in WAL mode, as the portal runs it) in a temporary directory of its own.</summary>
    public static async Task<BenchDatabase> CreateSqliteAsync()
    {
        var directory = Directory.CreateTempSubdirectory("hm-bench-sqlite-").FullName;
        var file = Path.Combine(directory, "herstelmeldpunt.db");
        var database = new BenchDatabase(true, directory, file, new SqliteConnectionStringBuilder { DataSource = file, ForeignKeys = true }.ToString());
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return database;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row, as text (for EXPLAIN).</summary>
    public async Task<List<string>> QueryLinesAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetValue(0).ToString() ?? string.Empty);
        }

        return lines;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // the benchmark's own SQL, no input from outside
        command.CommandText = sql;
#pragma warning restore CA2100
        command.CommandTimeout = 600;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsSqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }

        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DATABASE") == "1")
        {
            Console.WriteLine($"Kept database {Name} (BENCH_KEEP_DATABASE=1).");
            return;
        }

        if (IsSqlite)
        {
            Directory.Delete(admin, recursive: true);
            return;
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
