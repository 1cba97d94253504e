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

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where the SQLite file (and the data-protection keys) live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the app starts. Off: run the "migrate" command instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The resolved connection string (set by <see cref="DatabaseSetup.ReadOptions"/>; the scheduler shares the database).</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
