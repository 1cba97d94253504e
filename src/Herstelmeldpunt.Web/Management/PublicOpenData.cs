using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Herstelmeldpunt.Web.Management;

/// <summary>
/// The public figures as open data (CSV and JSON), with the JSON Schema that documents them (docs/open-data.md says the
/// same in words). Counts from 1 to 9 are "&lt;10"; a median or share resting on fewer than ten cases is null. No sign-in;
/// the same cached figures as the page.
/// </summary>
public static class PublicOpenData
{
    public const string JsonPath = "/voortgang/open-data.json";
    public const string CsvPath = "/voortgang/open-data.csv";
    public const string SchemaPath = "/voortgang/open-data.schema.json";

    public static readonly string[] CsvColumns = ["week_start", "received", "decided", "decided_within_term", "median_lead_days"];

    public static IEndpointRouteBuilder MapPublicOpenData(this IEndpointRouteBuilder app)
    {
        app.MapGet(JsonPath, async (PublicProgress progress, HttpContext http, CancellationToken cancellationToken) =>
        {
            Cache(http);
            return Results.Text(Json(await progress.CurrentAsync(cancellationToken)), "application/json; charset=utf-8");
        }).AllowAnonymous();
        app.MapGet(CsvPath, async (PublicProgress progress, HttpContext http, CancellationToken cancellationToken) =>
        {
            Cache(http);
            return Results.Text(Csv(await progress.CurrentAsync(cancellationToken)), "text/csv; charset=utf-8");
        }).AllowAnonymous();
        app.MapGet(SchemaPath, (HttpContext http) =>
        {
            Cache(http);
            return Results.Text(Schema, "application/schema+json; charset=utf-8");
        }).AllowAnonymous();
        return app;
    }

    private static void Cache(HttpContext http) => http.Response.Headers.CacheControl = PublicNumber.CacheControl;

    private static double? Derived(double? value, int basis) => PublicNumber.Derived(value, basis) is { } v ? Math.Round(v, 3) : null;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(PublicProgressFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var data = new Dictionary<string, object?>
        {
            ["computed_at"] = figures.ComputedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["period"] = new Dictionary<string, object?> { ["from"] = Day(figures.From), ["to"] = Day(figures.To) },
            ["received_total"] = PublicNumber.Open(figures.ReceivedTotal),
            ["decided_total"] = PublicNumber.Open(figures.DecidedTotal),
            ["expected_lead_days"] = figures.ExpectedLowDays is { } low ? new Dictionary<string, object?> { ["low"] = low, ["high"] = figures.ExpectedHighDays } : null,
            ["decided"] = PublicNumber.Open(figures.Decided),
            ["decided_within_term_share"] = Derived(figures.WithinTermShare, figures.Decided),
            ["median_lead_days"] = Derived(figures.MedianLeadDays, figures.Decided),
            ["open_over_one_year"] = PublicNumber.Open(figures.OpenOverOneYear),
            ["open_over_two_years"] = PublicNumber.Open(figures.OpenOverTwoYears),
            ["satisfaction_answers"] = PublicNumber.Open(figures.SatisfactionAnswers),
            ["average_satisfaction"] = Derived(figures.AverageSatisfaction, figures.SatisfactionAnswers),
            ["promises_settled"] = PublicNumber.Open(figures.PromisesSettled),
            ["promises_kept_share"] = Derived(figures.PromisesKeptShare, figures.PromisesSettled),
            ["weeks"] = figures.Weeks.Select(w => new Dictionary<string, object?>
            {
                ["week_start"] = Day(w.WeekStart),
                ["received"] = PublicNumber.Open(w.Received),
                ["decided"] = PublicNumber.Open(w.Decided),
                ["decided_within_term"] = PublicNumber.Open(w.DecidedWithinTerm),
                ["median_lead_days"] = Derived(w.MedianLeadDays, w.Decided),
            }).ToList(),
        };
        return JsonSerializer.Serialize(data, Indented);
    }

    public static string Csv(PublicProgressFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var csv = new StringBuilder().AppendJoin(',', CsvColumns).Append("\r\n");
        foreach (var w in figures.Weeks)
        {
            var median = Derived(w.MedianLeadDays, w.Decided) is double m ? m.ToString(CultureInfo.InvariantCulture) : string.Empty;
            csv.AppendJoin(',', Day(w.WeekStart), PublicNumber.Open(w.Received), PublicNumber.Open(w.Decided), PublicNumber.Open(w.DecidedWithinTerm), median).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private const string Count = """{ "anyOf": [ { "type": "integer", "minimum": 0 }, { "const": "<10" } ] }""";

    private const string Share = """{ "type": ["number", "null"], "minimum": 0, "maximum": 1 }""";

    /// <summary>JSON Schema (2020-12) of <see cref="JsonPath"/>. The CSV has the columns of one week, in this order.</summary>
    public static readonly string Schema = $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://herstelmeldpunt.example/voortgang/open-data.schema.json",
          "title": "Meldpunt herstelactie: voortgang (progress figures)",
          "description": "Counts from 1 to 9 are given as the string \"<10\"; a median or share resting on fewer than 10 cases is null. Dates are Dutch calendar days (yyyy-MM-dd); weeks start on Monday. The CSV (open-data.csv) has one row per week with the columns week_start, received, decided, decided_within_term, median_lead_days.",
          "type": "object",
          "required": ["computed_at", "period", "received_total", "decided_total", "expected_lead_days", "decided", "decided_within_term_share", "median_lead_days", "open_over_one_year", "open_over_two_years", "satisfaction_answers", "average_satisfaction", "promises_settled", "promises_kept_share", "weeks"],
          "additionalProperties": false,
          "properties": {
            "computed_at": { "type": "string", "format": "date-time", "description": "When the figures were computed (UTC)." },
            "period": { "type": "object", "required": ["from", "to"], "additionalProperties": false, "description": "The period of the headline figures.", "properties": { "from": { "type": "string", "format": "date" }, "to": { "type": "string", "format": "date" } } },
            "received_total": {{Count}},
            "decided_total": {{Count}},
            "expected_lead_days": { "type": ["object", "null"], "description": "Calendar days from today to the expected decision for a report filed today (normal urgency), as on Mijn melding; null while there is too little history.", "required": ["low", "high"], "additionalProperties": false, "properties": { "low": { "type": "integer" }, "high": { "type": "integer" } } },
            "decided": {{Count}},
            "decided_within_term_share": {{Share}},
            "median_lead_days": { "type": ["number", "null"], "minimum": 0, "description": "Median calendar days from receipt to decision of the decisions in the period." },
            "open_over_one_year": {{Count}},
            "open_over_two_years": {{Count}},
            "satisfaction_answers": {{Count}},
            "average_satisfaction": { "type": ["number", "null"], "minimum": 1, "maximum": 5, "description": "Average score (1 to 5) of the follow-up calls and forms in the period." },
            "promises_settled": {{Count}},
            "promises_kept_share": {{Share}},
            "weeks": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["week_start", "received", "decided", "decided_within_term", "median_lead_days"],
                "additionalProperties": false,
                "properties": {
                  "week_start": { "type": "string", "format": "date" },
                  "received": {{Count}},
                  "decided": {{Count}},
                  "decided_within_term": {{Count}},
                  "median_lead_days": { "type": ["number", "null"], "minimum": 0 }
                }
              }
            }
          }
        }
        """;
}
