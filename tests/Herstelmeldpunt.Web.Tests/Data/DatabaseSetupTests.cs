using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Tests.Data;

public sealed class DatabaseSetupTests
{
    [Theory]
    [InlineData("Host=db;Database=h", 64, true)]
    [InlineData("Host=db;Database=h;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Database=h;No Reset On Close=false;Max Auto Prepare=10", 10, false)]
    [InlineData("Host=db;Database=h;MaxAutoPrepare=0;NoResetOnClose=false", 0, false)]
    public void The_operators_own_connection_settings_win_over_the_portals_defaults(string configured, int maxAutoPrepare, bool noResetOnClose)
    {
        var used = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithConnectionDefaults(configured));

        Assert.Equal(maxAutoPrepare, used.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, used.NoResetOnClose);
        Assert.Equal("db", used.Host);
    }

    [Theory]
    [InlineData("Host=db", "-c plan_cache_mode=force_custom_plan")]
    [InlineData("Host=db;Options=-c statement_timeout=30000", "-c statement_timeout=30000 -c plan_cache_mode=force_custom_plan")]
    [InlineData("Host=db;Options=-c plan_cache_mode=auto", "-c plan_cache_mode=auto")]
    public void Prepared_statements_are_still_planned_for_their_values_unless_the_operator_says_otherwise(string configured, string options)
    {
        Assert.Equal(options, new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithConnectionDefaults(configured)).Options);
    }
}
