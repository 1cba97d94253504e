using System.Security.Claims;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// Who calls the API: the client's id and name, read once per request from the token's claims
/// (<see cref="ApiBearerHandler"/>) and kept on the request, and the actor it is in the case process
/// (the client role, named after the client in the journal).
/// </summary>
public sealed record ApiCaller(Guid ClientId, string Name)
{
    public Actor Actor { get; } = new(null, Name, new HashSet<string> { ApiBearerHandler.ClientRole });

    /// <summary>The caller of a request that passed the secured group's authentication.</summary>
    public static ApiCaller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[typeof(ApiCaller)] is ApiCaller known)
        {
            return known;
        }

        var caller = From(http.User);
        http.Items[typeof(ApiCaller)] = caller;
        return caller;
    }

    private static ApiCaller From(ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirst(ApiBearerHandler.ClientIdClaim)?.Value ?? throw new InvalidOperationException("An API request without a client: the endpoint is not in the secured group.")),
            user.FindFirst("name")?.Value ?? "API");
}
