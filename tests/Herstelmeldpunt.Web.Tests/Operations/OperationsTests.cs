using System.Net;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Herstelmeldpunt.Web.Tests.Operations;

public sealed class OperationsTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_favicon_is_served_so_no_page_logs_a_404_for_it()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/favicon.ico", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await response.Content.ReadAsByteArrayAsync())[..4]); // an icon file
    }

    [Fact]
    public async Task Unknown_page_shows_the_plain_not_found_page()
    {
        using var client = app.CreateClient();
        var page = await client.GetPageAsync("/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Deze pagina bestaat niet", page.H1);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/melden", "/melden")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\t/evil.example", "/")] // a browser drops the tab and goes to //evil.example; LocalRedirect answered 500
    [InlineData("/\\evil.example", "/")]
    [InlineData("/melden\r\nSet-Cookie: x=1", "/")]
    public async Task Language_link_switches_and_only_returns_to_pages_of_this_site(string back, string expected)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri($"/taal/en?terug={Uri.EscapeDataString(back)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("c%3Den-GB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_and_privacy_pages_are_served_in_dutch_by_default()
    {
        using var client = app.CreateClient();
        Assert.Equal("Meldpunt herstelactie", (await client.GetPageAsync("/")).H1);
        Assert.Equal("Privacyverklaring meldpunt herstelactie", (await client.GetPageAsync("/privacy")).H1);
    }
}

public sealed class UnreachableDatabaseTests
{
    [Fact]
    public async Task Ready_is_unhealthy_when_the_database_does_not_answer_while_live_stays_healthy()
    {
        await using var app = new UnreachableDatabaseFactory();
        using var client = app.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private sealed class UnreachableDatabaseFactory : AppFactory
    {
        public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        protected override string? ConnectionString => "Host=127.0.0.1;Port=9;Database=none;Username=none;Timeout=3";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStartup", "false");
        }
    }
}
