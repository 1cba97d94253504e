namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// The real services the tests need, started by ./test.sh. A missing one fails the tests with a
/// message that says what is missing; nothing is skipped.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "HERSTELMELDPUNT_TEST_POSTGRES";
    public const string ChromiumVariable = "HERSTELMELDPUNT_TEST_CHROMIUM";

    /// <summary>Connection string to a PostgreSQL server where the user may create databases.</summary>
    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL is missing: {PostgresVariable} is not set. Run ./test.sh, which starts a throw-away " +
                "PostgreSQL server, or set it to a connection string of a server where the user may create databases.");

    public static string ChromiumPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } value ? value : "/usr/bin/chromium";
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException(
                    $"Chromium is missing: {path} does not exist. Run ./test.sh, which installs it (apt-get install chromium), " +
                    $"or set {ChromiumVariable} to a Chromium executable.");
        }
    }

    /// <summary>pg_dump of the machine's newest PostgreSQL (the one ./test.sh starts the server from).</summary>
    public static string PgDumpPath =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
              ?? throw new InvalidOperationException("pg_dump is missing under /usr/lib/postgresql/*/bin (PostgreSQL is installed with it).")
            : throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql.");
}
