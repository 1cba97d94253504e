using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// GET /api/v1/status-export — each case's status shaped after the Zaken API (ZGW), so a records system such as
/// Open Zaak can take it over: identificatie, startdatum, status with datumStatusGezet, uiterlijkeEinddatumAfdoening,
/// opschorting, verlenging, einddatum and resultaat. Mapping in docs/api.md. Paged like the case list; with
/// changedSince a records system fetches only what moved since its last run.
/// </summary>
public static class StatusExportEndpoint
{
    public sealed record Status(string Statustype, string Omschrijving, DateTime DatumStatusGezet);

    public sealed record Opschorting(bool Indicatie, string Reden);

    public sealed record Verlenging(string Duur, string Reden);

    public sealed record Resultaat(string Resultaattype, string Omschrijving);

    public sealed record Zaak(
        Guid Uuid,
        string Identificatie,
        DateOnly Startdatum,
        Status Status,
        DateOnly? UiterlijkeEinddatumAfdoening,
        Opschorting? Opschorting,
        Verlenging? Verlenging,
        DateOnly? Einddatum,
        Resultaat? Resultaat);

    public sealed record ZaakPage(IReadOnlyList<Zaak> Items, string? NextCursor, PageLinks Links);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/status-export", HandleAsync)
            .WithName("exportStatuses")
            .WithSummary("Status van elke melding in de vorm van de Zaken API (ZGW)")
            .WithDescription("changedSince (RFC 3339) geeft alleen meldingen waarvan de status sindsdien veranderde. pageSize 1–100, cursor zoals bij /cases.")
            .Produces<ZaakPage>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesRead);
    }

    private static async Task<IResult> HandleAsync(
        [FromQuery(Name = "changedSince")] DateTimeOffset? changedSince,
        [FromQuery(Name = "pageSize")] int? pageSize,
        [FromQuery(Name = "cursor")] string? cursor,
        HttpContext http,
        AppDbContext db,
        WorkflowCatalog catalog,
        ApiOptions options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var problems = new List<(string, string, string)>();
        var (size, after) = ApiPaging.Check(pageSize, cursor, options, problems);
        if (problems.Count > 0)
        {
            return ApiProblem.Invalid(http, problems);
        }

        var rows = CaseViews.Rows(db).AsNoTracking();
        if (changedSince is { } since)
        {
            var sinceUtc = since.UtcDateTime;
            rows = rows.Where(r => r.StateEnteredAt >= sinceUtc);
        }

        var (page, more) = await ApiPaging.PageAsync(rows, after, size, cancellationToken);

        var items = page.Select(r => ToZaak(r, catalog)).ToList();
        var next = more ? ApiPaging.Encode(page[^1].ReceivedAt, page[^1].Id) : null;
        ApiAccessActions.Log(db, clock, http, ApiAccessActions.StatusExported, items.Select(i => i.Uuid));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Json(
            new ZaakPage(items, next, ApiPaging.Links(http, next)),
            ApiJson.Options);
    }

    /// <summary>The ZGW shape of one case. Labels are Dutch: a records system keeps the Dutch record.</summary>
    private static Zaak ToZaak(CaseViews.Row r, WorkflowCatalog catalog)
    {
        var state = catalog.Get(r.DefinitionId, r.DefinitionVersion).State(r.State);
        return new Zaak(
            r.Id,
            r.ReferenceNumber,
            Common.AmsterdamTime.DateOf(r.ReceivedAt),
            new Status(r.State, state.Label.In("nl"), DateTime.SpecifyKind(r.StateEnteredAt, DateTimeKind.Utc)),
            r.DueOn,
            r.DueOn is null ? null : new Opschorting(r.SuspendedSince is not null && r.SuspendedUntil is null, r.SuspendedSince is null ? string.Empty : "Informatie opgevraagd bij de melder"),
            r.ExtendedWorkingDays == 0 ? null : new Verlenging($"P{r.ExtendedWorkingDays}D", r.ExtensionReason ?? string.Empty),
            r.DecidedOn,
            state.Final ? new Resultaat(r.State, state.Label.In("nl")) : null);
    }
}
