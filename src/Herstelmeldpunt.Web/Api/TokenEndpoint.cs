using System.Text;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// POST /api/v1/token — the OAuth 2 client-credentials grant (RFC 6749 §4.4): a registered client sends its
/// id and secret (form fields or HTTP Basic) and gets a bearer token for <see cref="ApiOptions.TokenLifetime"/>
/// with the scopes asked for (all of the client's when none are). Only the token's hash is stored.
/// </summary>
public static class TokenEndpoint
{
    public sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/token", HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(ApiSetup.TokenRatePolicy)
            .WithName("getToken")
            .WithSummary("Vraag een toegangstoken aan (OAuth 2 client credentials)")
            .WithDescription("Stuur grant_type=client_credentials met client_id en client_secret als formulier of als HTTP Basic. Het token is een uur geldig.")
            .Accepts<TokenRequestForm>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status401Unauthorized, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status429TooManyRequests, ApiProblem.ContentType);
    }

    /// <summary>The form fields (for the OpenAPI document; the handler reads the form itself).</summary>
    public sealed record TokenRequestForm(
        [property: System.Text.Json.Serialization.JsonPropertyName("grant_type")] string GrantType,
        [property: System.Text.Json.Serialization.JsonPropertyName("client_id")] string? ClientId,
        [property: System.Text.Json.Serialization.JsonPropertyName("client_secret")] string? ClientSecret,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string? Scope);

    private static async Task<IResult> HandleAsync(HttpContext http, AppDbContext db, ApiOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.TokenForm", error: "invalid_request");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form["grant_type"] != "client_credentials")
        {
            return ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.GrantType", error: "unsupported_grant_type");
        }

        var (clientId, secret, basic) = Credentials(http, form);
        var client = Guid.TryParse(clientId, out var id)
            ? await db.Set<ApiClient>().FirstOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancellationToken)
            : null;
        if (client is null || secret is null || !ApiSecrets.Matches(secret, client.SecretHash))
        {
            if (basic)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"herstelmeldpunt\"";
            }

            return ApiProblem.Result(http, StatusCodes.Status401Unauthorized, "Api.Problem.InvalidClient", error: "invalid_client");
        }

        var granted = client.ScopeSet;
        var asked = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (asked.Count > 0 && !asked.IsSubsetOf(granted))
        {
            return ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.InvalidScope", error: "invalid_scope");
        }

        var scopes = string.Join(' ', (asked.Count > 0 ? asked : granted).Order(StringComparer.Ordinal));
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<ApiToken>().Where(t => t.ClientId == client.Id && t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var token = ApiSecrets.NewToken();
        db.Set<ApiToken>().Add(new ApiToken { TokenHash = ApiSecrets.Hash(token), ClientId = client.Id, Scopes = scopes, IssuedAt = now, ExpiresAt = now + options.TokenLifetime });
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new TokenResponse(token, "Bearer", (int)options.TokenLifetime.TotalSeconds, scopes), ApiJson.Options);
    }

    private static (string? ClientId, string? Secret, bool Basic) Credentials(HttpContext http, IFormCollection form)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null, true) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]), true);
            }
            catch (FormatException)
            {
                return (null, null, true);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString() is { Length: > 0 } s ? s : null, false);
    }
}
