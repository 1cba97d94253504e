using System.Security.Claims;
using System.Text.Encodings.Web;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// Bearer tokens from the client-credentials flow (<see cref="TokenEndpoint"/>): the token's hash is looked
/// up with its client; an expired token or a revoked client is refused. 401 and 403 are problem+json.
/// </summary>
public sealed class ApiBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiBearer";
    public const string ClientIdClaim = "hmp:client";
    public const string ScopeClaim = "scope";
    public const string RateClaim = "hmp:rpm";
    public const string ClientRole = "ApiClient";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 100)
        {
            return AuthenticateResult.Fail("invalid_token");
        }

        var hash = ApiSecrets.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var db = Context.RequestServices.GetRequiredService<AppDbContext>();
        var found = await db.Set<ApiToken>().AsNoTracking()
            .Where(t => t.TokenHash == hash && t.ExpiresAt > now)
            .Join(db.Set<ApiClient>().Where(c => c.RevokedAt == null), t => t.ClientId, c => c.Id, (t, c) => new { t.Scopes, c.Id, c.Name, c.RequestsPerMinute })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("invalid_token");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "client:" + found.Id.ToString("D")),
            new("name", "API: " + found.Name),
            new(ClaimTypes.Role, ClientRole),
            new(ClientIdClaim, found.Id.ToString("D")),
            new(RateClaim, found.RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "name", ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failed = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        Response.Headers.WWWAuthenticate = failed ? "Bearer realm=\"herstelmeldpunt\", error=\"invalid_token\"" : "Bearer realm=\"herstelmeldpunt\"";
        await ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, failed ? "Api.Problem.InvalidToken" : "Api.Problem.NoToken");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden, "Api.Problem.Scope");
}

public static class ApiPolicies
{
    /// <summary>The policy that asks for one scope: "api:cases:read" and so on.</summary>
    public static string For(string scope) => "api:" + scope;

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(For(scope), p => p
                .AddAuthenticationSchemes(ApiBearerHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiBearerHandler.ScopeClaim, scope));
        }
    }
}
