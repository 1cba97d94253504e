using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Api;

/// <summary>GET /api/v1/cases/{id} — one case with its status history, deadlines, advice summary and (once final) decision.</summary>
public static class CaseEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cases/{id:guid}", HandleAsync)
            .WithName("getCase")
            .WithSummary("Eén melding met statusgeschiedenis, termijnen, advies en besluit")
            .Produces<CaseDetail>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesRead);
    }

    private static async Task<IResult> HandleAsync(Guid id, HttpContext http, AppDbContext db, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var detail = await CaseViews.DetailAsync(db, catalog, id, Cultures.CurrentLanguage, cancellationToken);
        if (detail is null)
        {
            return ApiProblem.Result(http, StatusCodes.Status404NotFound, "Api.Problem.CaseNotFound");
        }

        ApiAccessActions.Log(db, clock, http, ApiAccessActions.CaseRead, [id]);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Json(detail, ApiJson.Options);
    }
}
