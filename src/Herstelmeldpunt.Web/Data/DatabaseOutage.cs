using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// Whether an exception says the database is away for a moment (PostgreSQL unreachable, restarting or refusing
/// connections; SQLite busy past its timeout) rather than that the request was wrong: a page can then keep what
/// the person typed and ask them to try again, instead of an error page that loses it.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        TimeoutException => true,
        DbUpdateException { InnerException: { } inner } => Is(inner),
        InvalidOperationException { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}
