using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Tests.Data;

public sealed class DatabaseSetupTests
{
    [Theory]
    [InlineData("Host=db;Database=h", 64, true)]
    [InlineData("Host=db;Database=h;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Database=h;No Reset On Close=false;Max Auto Prepare=10", 10, false)]
    public void The_operators_own_connection_settings_win_over_the_portals_defaults(string configured, int maxAutoPrepare, bool noResetOnClose)
    {
        var used = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPreparedStatements(configured));

        Assert.Equal(maxAutoPrepare, used.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, used.NoResetOnClose);
        Assert.Equal("db", used.Host);
    }
}
