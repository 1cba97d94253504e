using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// SQLite has one writer at a time. Without a busy timeout of its own, Microsoft.Data.Sqlite answers a writer that
/// finds the file locked by sleeping 150 ms and trying again, so two reports sent at the same moment take 150 ms
/// longer than they need to. With <c>PRAGMA busy_timeout</c> SQLite itself waits for the lock in steps of a few
/// milliseconds (up to <see cref="Milliseconds"/>, then the driver's own retry takes over as before).
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 5000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
