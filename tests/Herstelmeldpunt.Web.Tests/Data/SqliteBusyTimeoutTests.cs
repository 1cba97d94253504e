using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Data;

public sealed class SqliteBusyTimeoutTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Fact]
    public async Task Every_connection_the_portal_opens_to_its_sqlite_file_waits_for_the_writer_inside_sqlite()
    {
        var timeouts = await app.WithDbAsync(async db =>
        {
            var seen = new List<long>();
            for (var i = 0; i < 3; i++)
            {
                // A connection from the pool each time (opened and closed around the query).
                seen.Add(await db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync());
            }

            return seen;
        });

        Assert.All(timeouts, t => Assert.Equal(SqliteBusyTimeout.Milliseconds, t));
    }
}
