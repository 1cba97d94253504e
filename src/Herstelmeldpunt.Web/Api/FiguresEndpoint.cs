using Herstelmeldpunt.Web.Management;
using Microsoft.AspNetCore.Mvc;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// GET /api/v1/figures — the management dashboard's figures as data, for a period (Dutch dates, both ends
/// included; the last three months when not given). The committee's workload per member is left out (staff names).
/// </summary>
public static class FiguresEndpoint
{
    public sealed record Figures(
        DateOnly PeriodFrom,
        DateOnly PeriodTo,
        int Received,
        IReadOnlyList<Count> ByState,
        IReadOnlyList<Count> ByUrgency,
        IReadOnlyList<Count> BySource,
        IReadOnlyList<WeekFigure> Weeks,
        IReadOnlyList<Count> Ageing,
        int DeadlinesMissed,
        int DeadlinesWithinTwoDays,
        DecisionTermFigures DecisionTerm,
        SatisfactionFigures Satisfaction,
        IReadOnlyList<StageForecast> Forecast);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/figures", HandleAsync)
            .WithName("getFigures")
            .WithSummary("De managementcijfers over een periode")
            .Produces<Figures>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Secured(ApiScopes.FiguresRead);
    }

    private static async Task<IResult> HandleAsync([FromQuery(Name = "from")] DateOnly? from, [FromQuery(Name = "to")] DateOnly? to, HttpContext http, Dashboard dashboard, Data.AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var last = to ?? Common.AmsterdamTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var first = from ?? new DateOnly(last.Year, last.Month, 1).AddMonths(-2);
        if (first > last || last.DayNumber - first.DayNumber > 3 * 366)
        {
            return ApiProblem.Invalid(http, [("to", "range", "Dashboard.PeriodInvalid")]);
        }

        var (f, _) = await dashboard.SnapshotAsync(new Period(first, last), cancellationToken);
        ApiAccessActions.Log(db, clock, http, ApiAccessActions.FiguresRead, []);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Json(
            new Figures(first, last, f.Received, f.ByState, f.ByUrgency, f.BySource, f.Weeks, f.Ageing, f.DeadlinesMissed, f.DeadlinesWithinTwoDays, f.DecisionTerm, f.Satisfaction, f.Forecast),
            ApiJson.Options);
    }
}
