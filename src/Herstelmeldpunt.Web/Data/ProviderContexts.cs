using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// The application database on SQLite, with its own migrations and model snapshot (Data/Migrations/Sqlite,
/// made by <c>dotnet ef</c>; ADR 0017). The app resolves it as <see cref="AppDbContext"/>.
/// </summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>The application database on PostgreSQL, with its own migrations and model snapshot (Data/Migrations/PostgreSql).</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

/// <summary>For <c>dotnet ef</c> (migrations add, has-pending-model-changes): the model needs no connection, only the provider.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design-time.db").UseFieldCipher(FieldCipher.Generate()).Options);
}

/// <inheritdoc cref="SqliteDesignTimeFactory"/>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design-time").UseFieldCipher(FieldCipher.Generate()).Options);
}
