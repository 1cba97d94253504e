using System.Globalization;
using System.Text;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// GET /api/v1/cases — cases in order of receipt (oldest first; the order never changes under a reader), with
/// filters on state, urgency, received date and "changed since"; keyset paging with an opaque cursor, no
/// total count. Each case listed is written to the access log.
/// </summary>
public static class CaseListEndpoint
{
    public sealed record Query(
        [property: FromQuery(Name = "state")] string? State,
        [property: FromQuery(Name = "urgency")] UrgencyLevel? Urgency,
        [property: FromQuery(Name = "receivedFrom")] DateOnly? ReceivedFrom,
        [property: FromQuery(Name = "receivedTo")] DateOnly? ReceivedTo,
        [property: FromQuery(Name = "changedSince")] DateTimeOffset? ChangedSince,
        [property: FromQuery(Name = "pageSize")] int? PageSize,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cases", HandleAsync)
            .WithName("listCases")
            .WithSummary("Meldingen, oudste eerst, per pagina")
            .WithDescription("Filters: state (code van de stap), urgency, receivedFrom en receivedTo (datums, beide inbegrepen, Nederlandse tijd), changedSince (RFC 3339). pageSize 1–100 (standaard 20). Volg links.next of geef nextCursor mee als cursor.")
            .Produces<CasePage>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesRead);
    }

    private static async Task<IResult> HandleAsync([AsParameters] Query query, HttpContext http, AppDbContext db, WorkflowCatalog catalog, ApiOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var problems = new List<(string, string, string)>();
        var (pageSize, after) = ApiPaging.Check(query.PageSize, query.Cursor, options, problems);

        if (query.ReceivedFrom is { } from && query.ReceivedTo is { } to && from > to)
        {
            problems.Add(("receivedTo", "range", "Api.Invalid.DateRange"));
        }

        if (query.State is { } state && !catalog.All.Any(d => d.States.Any(s => s.Name == state)))
        {
            problems.Add(("state", "unknown", "Api.Invalid.State"));
        }

        if (problems.Count > 0)
        {
            return ApiProblem.Invalid(http, problems);
        }

        var rows = CaseViews.Rows(db).AsNoTracking();
        if (query.State is { } wanted)
        {
            rows = rows.Where(r => r.State == wanted);
        }

        if (query.Urgency is { } urgency)
        {
            rows = rows.Where(r => r.Urgency == urgency);
        }

        if (query.ReceivedFrom is { } fromDay)
        {
            var fromUtc = Common.AmsterdamTime.StartOfDayUtc(fromDay);
            rows = rows.Where(r => r.ReceivedAt >= fromUtc);
        }

        if (query.ReceivedTo is { } toDay)
        {
            var toUtc = Common.AmsterdamTime.StartOfDayUtc(toDay.AddDays(1));
            rows = rows.Where(r => r.ReceivedAt < toUtc);
        }

        if (query.ChangedSince is { } since)
        {
            var sinceUtc = since.UtcDateTime;
            rows = rows.Where(r => r.StateEnteredAt >= sinceUtc);
        }

        var (page, more) = await ApiPaging.PageAsync(rows, after, pageSize, cancellationToken);

        var language = Cultures.CurrentLanguage;
        var items = page.Select(r => CaseViews.Summary(r, catalog, language)).ToList();
        var next = more ? ApiPaging.Encode(page[^1].ReceivedAt, page[^1].Id) : null;
        ApiAccessActions.Log(db, clock, http, ApiAccessActions.CasesListed, items.Select(i => i.Id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Json(new CasePage(items, next, ApiPaging.Links(http, next)), ApiJson.Options);
    }
}

/// <summary>What an API client did, in the access log (beside the staff actions of <see cref="AccessActions"/>).</summary>
public static class ApiAccessActions
{
    public const string CasesListed = "api.cases.listed";
    public const string CaseRead = "api.case.read";
    public const string CasesSearched = "api.cases.searched";
    public const string CaseFiled = "api.case.filed";
    public const string ProvisionsRecorded = "api.provisions.recorded";
    public const string FiguresRead = "api.figures.read";
    public const string StatusExported = "api.status-export";
    public const string BatchApplied = "api.batch";

    /// <summary>Set on a call that wrote its own access-log rows; the others get one from <see cref="ApiSetup.Secured"/>.</summary>
    public const string LoggedItem = "hmp:api-logged";

    /// <summary>One row per case the call touched, or one row without a case when it touched none.</summary>
    public static void Log(AppDbContext db, TimeProvider clock, HttpContext http, string action, IEnumerable<Guid> cases, string details = "")
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[LoggedItem] = true;
        var list = cases.Select(c => (Guid?)c).ToList();
        AccessLog.Record(db, clock, http, action, list.Count == 0 ? [null] : list, details);
    }
}
