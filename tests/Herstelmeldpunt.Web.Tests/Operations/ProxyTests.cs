using System.Net;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Operations;

/// <summary>Behind a TLS-terminating proxy (real Kestrel on loopback, the proxy's headers sent by hand): Secure cookies, HSTS, HTTPS redirect, headers believed only from the configured proxy.</summary>
#pragma warning disable CA1001 // xunit disposes through IAsyncLifetime
public sealed class ProxyTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly SqliteAppFactory app = new();
    private HttpClient client = null!;

    public Task InitializeAsync()
    {
        app.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        var address = app.StartOnLoopback();
#pragma warning disable CA2000 // the client owns its handler and is disposed in DisposeAsync
        client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true)
        {
            BaseAddress = address,
        };
#pragma warning restore CA2000
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? proto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "meldpunt.example.nl";
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_request_the_proxy_received_over_https_gets_secure_cookies_and_hsts()
    {
        using var response = await GetAsync("/melden", "https");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("hmp-af=", StringComparison.Ordinal));
        Assert.All(cookies.Where(c => c.StartsWith("hmp-", StringComparison.Ordinal)), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single()); // a year, subdomains too
    }

    [Theory]
    [InlineData("http")]
    [InlineData(null)]
    public async Task A_request_the_proxy_received_plain_is_sent_to_https(string? proto)
    {
        using var response = await GetAsync("/melden?stap=1", proto);
        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, response.StatusCode.ToString());
        Assert.Equal("https://meldpunt.example.nl/melden?stap=1", response.Headers.Location!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Health_checks_answer_over_plain_http_for_the_proxy_and_the_orchestrator()
    {
        using var response = await GetAsync("/health/ready", proto: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Staff_sign_in_cookies_are_secure_too()
    {
        using var page = await GetAsync("/backoffice/inloggen", "https");
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Settings from secret files (compose secrets), one file per setting.</summary>
public sealed class SecretFileTests
{
    [Fact]
    public async Task A_setting_in_a_file_of_the_secrets_directory_is_read_and_wins_over_the_environment()
    {
        var secrets = Directory.CreateTempSubdirectory("hm-secrets-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Retention__ClosedDays"), "4000\n");
            await using var app = new SqliteAppFactory();
            app.Settings["SecretsDirectory"] = secrets.FullName;
            app.Settings["Retention:ClosedDays"] = "3000";
            Assert.Equal(4000, app.Services.GetRequiredService<Herstelmeldpunt.Web.Audit.RetentionOptions>().ClosedDays);
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }
}
