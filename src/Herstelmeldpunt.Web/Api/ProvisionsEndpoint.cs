using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// POST /api/v1/cases/{id}/provisions-carried-out — the system that carried out the decided provisions
/// (restored benefit, paid compensation) records that they are done: the step <c>provisions_carried_out</c>,
/// which plans the follow-up call. The client acts in the intake role for this one step only; the journal
/// names the client and keeps the note (what was done, as the step asks of staff). Saying it twice is fine (200,
/// nothing changes); before the decision is final it is 409.
/// </summary>
public static class ProvisionsEndpoint
{
    public const string Transition = Cases.Steps.RecordProvisions.Transition;

    /// <summary>What was carried out and when, in a few words (the step's note; staff read it in the timeline).</summary>
    public sealed record ProvisionsRequest(string? Note);

    /// <summary>The cases whose provisions were recorded after their last final decision (a new decision after an upheld objection needs its own).</summary>
    public static IQueryable<Guid> Recorded(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WorkflowJournal
            .Where(p => p.Transition == Transition
                && !db.WorkflowJournal.Any(f => f.InstanceId == p.InstanceId && f.ToState == CaseVocabulary.States.DecisionFinal && f.Sequence > p.Sequence))
            .Select(p => p.InstanceId);
    }

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/cases/{id:guid}/provisions-carried-out", HandleAsync)
            .WithName("recordProvisionsCarriedOut")
            .WithSummary("Vastleggen dat de voorzieningen uit het besluit zijn uitgevoerd")
            .WithDescription("Body: note (verplicht), wat er is uitgevoerd en wanneer. Twee keer sturen verandert niets.")
            .Accepts<ProvisionsRequest>("application/json")
            .Produces<CaseSummary>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, ApiProblem.ContentType)
            .Secured(ApiScopes.ProvisionsWrite);
    }

    private static async Task<IResult> HandleAsync(Guid id, HttpContext http, AppDbContext db, Cases.Steps.RecordProvisions provisions, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = await ApiBody.ReadAsync<ProvisionsRequest>(http, cancellationToken);
        if (request is null)
        {
            return ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.Malformed");
        }

        if (string.IsNullOrWhiteSpace(request.Note))
        {
            return ApiProblem.Invalid(http, [("note", "required", "Api.Invalid.Note")]);
        }

        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null)
        {
            return ApiProblem.Result(http, StatusCodes.Status404NotFound, "Api.Problem.CaseNotFound");
        }

        if (instance.State != CaseVocabulary.States.DecisionFinal)
        {
            // Already done since the last final decision: the same answer again.
            var done = await Recorded(db).AnyAsync(c => c == id, cancellationToken);
            return done ? await SummaryAsync(http, db, catalog, clock, id, cancellationToken) : ApiProblem.Result(http, StatusCodes.Status409Conflict, "Api.Problem.NotDecided");
        }

        var outcome = await provisions.RecordAsync(id, instance.Version, request.Note, ApiCaller.Of(http).Name, cancellationToken);
        if (outcome.Refused is { Reason: RefusalReason.InvalidInput, Problems.Count: > 0 } invalid)
        {
            return ApiProblem.Invalid(http, invalid.Problems.Select(p => (p.Field, "invalid", p.MessageKey)));
        }

        if (!outcome.Applied)
        {
            // Someone else moved the case at the same moment: the caller looks at its state again.
            return ApiProblem.Result(http, StatusCodes.Status409Conflict, "Api.Problem.NotDecided");
        }

        return await SummaryAsync(http, db, catalog, clock, id, cancellationToken);
    }

    private static async Task<IResult> SummaryAsync(HttpContext http, AppDbContext db, WorkflowCatalog catalog, TimeProvider clock, Guid id, CancellationToken cancellationToken)
    {
        ApiAccessActions.Log(db, clock, http, ApiAccessActions.ProvisionsRecorded, [id]);
        await db.SaveChangesAsync(cancellationToken);
        var row = await CaseViews.Rows(db).AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Json(CaseViews.Summary(row, catalog, Cultures.CurrentLanguage), ApiJson.Options);
    }
}
