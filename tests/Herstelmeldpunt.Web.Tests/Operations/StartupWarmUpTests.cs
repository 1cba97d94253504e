using Herstelmeldpunt.Web.Tests.Infrastructure;

namespace Herstelmeldpunt.Web.Tests.Operations;

/// <summary>
/// What a node does right after it listens instead of before (issue "budgets raised": a start that does not wait on
/// work it can do later). The tests' PostgreSQL login is the cluster's superuser, so it may empty the append-only logs.
/// </summary>
public sealed class StartupWarmUpTests(PostgresAppFactory app) : IClassFixture<PostgresAppFactory>
{
    [Fact]
    public async Task A_database_login_that_may_empty_the_append_only_logs_is_named_once_the_node_listens()
    {
        using var client = app.CreateClient(); // the host starts: the warm-up runs behind it
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Warned() && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.True(Warned(), "no warning about the login's rights after start-up:\n" + string.Join('\n', app.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).TakeLast(10)));
        Assert.Single(app.Logs.Lines, l => l.Contains("may change and delete the append-only logs", StringComparison.Ordinal));

        bool Warned() => app.Logs.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("may change and delete the append-only logs", StringComparison.Ordinal));
    }
}
