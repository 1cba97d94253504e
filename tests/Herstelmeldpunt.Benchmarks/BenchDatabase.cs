using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>A database of its own on the benchmark server, migrated, dropped afterwards.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string admin;

    private BenchDatabase(string admin, string name)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public DbContextOptions<AppDbContext> Options => new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ConnectionString).Options;

    /// <summary>The key of the keyed hashes (BSN, name words), known here so the seed SQL can compute them with pgcrypto.</summary>
    public byte[] HashKey { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>The key that encrypts personal data here; the app nodes of a benchmark get the same (AppNode).</summary>
    public byte[] EncryptionKey { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public FieldCipher Cipher => cipher ??= new FieldCipher(new Dictionary<string, byte[]> { ["bench"] = EncryptionKey }, "bench", HashKey);

    /// <summary>A context with this database's keys (the PostgreSQL one: it carries the migrations).</summary>
    public AppDbContext NewContext() => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options, Cipher);

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

        var database = new BenchDatabase(admin, name);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row, as text (for EXPLAIN).</summary>
    public async Task<List<string>> QueryLinesAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DATABASE") == "1")
        {
            Console.WriteLine($"Kept database {Name} (BENCH_KEEP_DATABASE=1).");
            return;
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
