using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// POST /api/v1/cases/_search — the cases of one person, found by BSN. The BSN travels in the body (never in a
/// path or query, where proxies and logs would keep it) and is matched on its keyed hash.
/// </summary>
public static class CaseSearchEndpoint
{
    public sealed record SearchRequest(string? Bsn);

    public sealed record SearchResult(IReadOnlyList<CaseSummary> Items);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/cases/_search", HandleAsync)
            .WithName("searchCases")
            .WithSummary("Meldingen van één persoon, gezocht op BSN (in de body)")
            .Accepts<SearchRequest>("application/json")
            .Produces<SearchResult>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesRead);
    }

    private static async Task<IResult> HandleAsync(HttpContext http, AppDbContext db, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = await ApiBody.ReadAsync<SearchRequest>(http, cancellationToken);
        if (request is null)
        {
            return ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.Malformed");
        }

        var bsn = Bsn.Normalize(request.Bsn);
        if (!Bsn.HasNineDigits(bsn) || !Bsn.PassesElevenCheck(bsn))
        {
            return ApiProblem.Invalid(http, [("bsn", "invalid", "Error.Bsn.Invalid")]);
        }

        var hash = db.Cipher.BsnHash(bsn);
        var ids = db.Reports.Where(r => r.BsnHash == hash).Select(r => r.Id);
        var rows = await CaseViews.Rows(db).AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.ReceivedAt).Take(100).ToListAsync(cancellationToken);
        var language = Cultures.CurrentLanguage;
        var items = rows.Select(r => CaseViews.Summary(r, catalog, language)).ToList();
        ApiAccessActions.Log(db, clock, http, ApiAccessActions.CasesSearched, items.Select(i => i.Id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Json(new SearchResult(items), ApiJson.Options);
    }
}
