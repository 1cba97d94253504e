using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Api;

/// <summary>
/// The app on real Kestrel (a loopback port) with a plain HttpClient: the API is tested over real HTTP, as a
/// partner's system calls it. Clients are registered in the database the way the admin page does it.
/// </summary>
#pragma warning disable CA1001 // xunit disposes fixtures through IAsyncLifetime
public abstract class ApiHost<TFactory> : IAsyncLifetime
    where TFactory : AppFactory, new()
#pragma warning restore CA1001
{
    public TFactory App { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App.Settings["Cookies:SecurePolicy"] = "SameAsRequest";
        // The tests' webhook receiver listens on plain http on loopback; production refuses both (WebhookTargetsTests).
        App.Settings["Api:Webhooks:AllowHttp"] = "true";
        App.Settings["Api:Webhooks:AllowPrivateNetworks"] = "true";
        var address = App.StartOnLoopback();
        App.ClientOptions.BaseAddress = address; // staff sessions (admin pages) talk to the same real server
#pragma warning disable CA2000 // the client owns its handler and is disposed in DisposeAsync
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 64 }, disposeHandler: true)
        {
            BaseAddress = address,
        };
#pragma warning restore CA2000
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A registered client with these scopes; returns its id and the secret an administrator would have passed on.</summary>
    public async Task<(Guid Id, string Secret)> RegisterClientAsync(string[] scopes, int requestsPerMinute = 10_000)
    {
        var secret = ApiSecrets.NewSecret();
        var client = new ApiClient
        {
            Id = Guid.NewGuid(),
            Name = "Testkoppeling " + Guid.NewGuid().ToString("N")[..8],
            Contact = "team@partner.example.nl",
            Scopes = string.Join(' ', scopes),
            SecretHash = ApiSecrets.Hash(secret),
            RequestsPerMinute = requestsPerMinute,
            CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            CreatedBy = "test",
        };
        await App.WithDbAsync(async db =>
        {
            db.Set<ApiClient>().Add(client);
            return await db.SaveChangesAsync();
        });
        return (client.Id, secret);
    }

    public async Task<HttpResponseMessage> RequestTokenAsync(Guid clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId.ToString(), ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var content = new FormUrlEncodedContent(form);
        return await Http.PostAsync("/api/v1/token", content);
    }

    /// <summary>A token for a new client with these scopes.</summary>
    public async Task<string> TokenAsync(params string[] scopes)
    {
        var (id, secret) = await RegisterClientAsync(scopes);
        using var response = await RequestTokenAsync(id, secret);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? json = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json as string ?? JsonSerializer.Serialize(json, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }
}

/// <summary>What API tests send and read.</summary>
public static class ApiCalls
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A valid report as a partner sends it (BSN given by the test).</summary>
    public static Dictionary<string, object?> ValidReport(string bsn, string name = "Partner Melder") => new()
    {
        ["fullName"] = name,
        ["bsn"] = bsn,
        ["dateOfBirth"] = "1970-05-17",
        ["email"] = "melder@example.nl",
        ["phone"] = "0612345678",
        ["preferredChannel"] = "email",
        ["preferredTime"] = "noPreference",
        ["emotionalTrouble"] = true,
        ["psychologicalTrouble"] = false,
        ["financialTrouble"] = true,
        ["description"] = "Na de herbeoordeling raakte ik mijn uitkering kwijt en kwam ik in de schulden.",
        ["noIncome"] = false,
        ["debtCollectionOrEviction"] = true,
        ["crisisOrDanger"] = false,
        ["consent"] = true,
        ["language"] = "nl",
    };
}

public sealed class SqliteApiHost : ApiHost<SqliteAppFactory>;

public sealed class PostgresApiHost : ApiHost<PostgresAppFactory>;
