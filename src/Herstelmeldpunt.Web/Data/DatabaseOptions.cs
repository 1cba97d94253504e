namespace Herstelmeldpunt.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Configuration section "Database" plus the connection string "ConnectionStrings:Herstelmeldpunt".
/// With no connection string, SQLite uses the file herstelmeldpunt.db in <see cref="DataDirectory"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Herstelmeldpunt";
    public const string OwnerConnectionStringName = "HerstelmeldpuntOwner";

    /// <summary>The group role the application's own login is a member of (PostgreSQL): every right on the tables but changing the append-only logs. The migration <c>AppRole</c> grants it.</summary>
    public const string AppRole = "herstelmeldpunt_app";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where the SQLite file (and the data-protection keys) live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the app starts. Off: run the "migrate" command instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The resolved connection string (set by <see cref="DatabaseSetup.ReadOptions"/>; the scheduler shares the database).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// PostgreSQL: "ConnectionStrings:HerstelmeldpuntOwner", the role that owns the tables, used only to migrate (and to make
    /// Hangfire's schema). When set, the application's own connection needs no more than the rights of <see cref="AppRole"/>,
    /// so it cannot change or empty the append-only logs. Empty: the application's connection migrates too.
    /// </summary>
    public string? OwnerConnectionString { get; set; }
}
