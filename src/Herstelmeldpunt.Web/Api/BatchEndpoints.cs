using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herstelmeldpunt.Web.Common.Csv;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Api;
/// <summary>
/// Batch exchange for partners without an API integration (docs/api.md "Batch files"): a CSV file of reports or of
/// status updates, checked row by row with the same rules as the API and the form. All rows valid: all applied in one
/// transaction (200, the outcome per row). Any row invalid: nothing applied (422 problem with every row's outcome).
/// The same file again: the same answer, nothing changes (per client, by the file's hash); a row whose key was filed
/// before is "unchanged". Columns: <see cref="ReportColumns"/>, <see cref="StatusColumns"/>.
/// </summary>
public static partial class BatchEndpoints
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5_000;

    public static readonly IReadOnlyList<string> ReportColumns =
    [
        "key", "fullName", "bsn", "dateOfBirth", "email", "phone", "preferredChannel", "preferredTime", "street", "postcode", "city",
        "representativeName", "representativeRelation", "representativeEmail", "representativePhone",
        "emotionalTrouble", "psychologicalTrouble", "financialTrouble", "description", "noIncome", "debtCollectionOrEviction", "crisisOrDanger", "consent", "language",
    ];

    public static readonly IReadOnlyList<string> StatusColumns = ["referenceNumber", "update", "note"];

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/batches/reports", (HttpContext http, AppDbContext db, ReportIntake intake, TimeProvider clock, CancellationToken cancellationToken) =>
                TimeBoxedAsync(http, token => ReportsAsync(http, db, intake, clock, token), cancellationToken))
            .WithName("uploadReportBatch")
            .WithSummary("Een CSV-bestand met meldingen")
            .WithDescription("text/csv, UTF-8, ; of , als scheidingsteken, eerste regel de kolomnamen: " + string.Join(", ", ReportColumns) + ". Ja/nee-kolommen: true of false. key is uw eigen kenmerk per regel (1–64 tekens). Alles of niets; hetzelfde bestand nog eens verandert niets.")
            .WithMetadata(new CsvBody(), new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes + 1)) // its own limit, above the portal's 1 MB: a 1.8 MB file was cut off by the server's
            .Produces<BatchResult>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Produces<BatchProblem>(StatusCodes.Status422UnprocessableEntity, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status503ServiceUnavailable, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesWrite);
        api.MapPost("/batches/status-updates", (HttpContext http, AppDbContext db, Cases.Steps.RecordProvisions provisions, TimeProvider clock, CancellationToken cancellationToken) =>
                TimeBoxedAsync(http, token => StatusUpdatesAsync(http, db, provisions, clock, token), cancellationToken))
            .WithName("uploadStatusBatch")
            .WithSummary("Een CSV-bestand met statusupdates (voorzieningen uitgevoerd)")
            .WithDescription("text/csv met de kolommen " + string.Join(", ", StatusColumns) + ". update is provisionsCarriedOut. Alles of niets; hetzelfde bestand nog eens verandert niets.")
            .WithMetadata(new CsvBody(), new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes + 1)) // its own limit, above the portal's 1 MB: a 1.8 MB file was cut off by the server's
            .Produces<BatchResult>(StatusCodes.Status200OK)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Produces<BatchProblem>(StatusCodes.Status422UnprocessableEntity, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status503ServiceUnavailable, ApiProblem.ContentType)
            .Secured(ApiScopes.ProvisionsWrite);
    }

    /// <summary>
    /// A file is applied within its time box (<c>Api:BatchTimeBox</c>, 50 s: under the proxy's 60 s) or not at all: past it
    /// the transaction is rolled back and the client is told to send smaller files — never a transaction left open for
    /// minutes while the proxy has long given up.
    /// </summary>
    private static async Task<IResult> TimeBoxedAsync(HttpContext http, Func<CancellationToken, Task<IResult>> apply, CancellationToken requestAborted)
    {
        var box = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Api:BatchTimeBox", TimeSpan.FromSeconds(50));
        using var timeBox = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeBox.CancelAfter(box);
        try
        {
            return await apply(timeBox.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            http.Response.Headers.RetryAfter = "60";
            return ApiProblem.Result(http, StatusCodes.Status503ServiceUnavailable, "Api.Problem.BatchTimeBox");
        }
    }

    private static Guid ClientOf(HttpContext http) => ApiCaller.Of(http).ClientId;

    /// <summary>The file: text/csv, at most <see cref="MaxBytes"/>, a header with exactly the published columns (any order), at most <see cref="MaxRows"/> rows.</summary>
    private static async Task<(byte[]? File, string? Hash, List<CsvRecord>? Records, IResult? Problem)> ReadAsync(HttpContext http, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        if (http.Request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, null, ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.BatchFile"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, null, null, ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.BatchFile"));
            }

            buffer.Write(chunk, 0, read);
        }

        var file = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return (null, null, null, ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.BatchFile"));
        }

        var firstLine = text.Split('\n', 2)[0];
        var records = CsvText.Read(text, firstLine.Contains(';', StringComparison.Ordinal) ? ';' : ',').ToList();
        if (records.Count < 2 || records.Count - 1 > MaxRows)
        {
            return (null, null, null, ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.BatchFile"));
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        var unknown = header.Where(h => !columns.Contains(h, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || header.Count != header.Distinct(StringComparer.Ordinal).Count())
        {
            return (null, null, null, ApiProblem.Invalid(http, missing.Select(m => (m, "missing", "Api.Invalid.BatchColumnMissing")).Concat(unknown.Select(u => (u, "unknown", "Api.Invalid.BatchColumnUnknown")))));
        }

        // Rows keep their values by column name, whatever the order in the file.
        var ordered = records.Skip(1).Select(r => new CsvRecord(r.Line, [.. columns.Select(c => header.IndexOf(c) is var i && i < r.Fields.Count ? r.Fields[i] : string.Empty)])).ToList();
        return (file, Convert.ToHexStringLower(SHA256.HashData(file)), ordered, null);
    }

    private static Func<string, string?> Row(IReadOnlyList<string> fields, IReadOnlyList<string> columns) =>
        name => fields[columns.ToList().IndexOf(name)] is { Length: > 0 } v ? v.Trim() : null;

    private static async Task<BatchResult?> EarlierAsync(AppDbContext db, Guid client, string kind, string hash, CancellationToken cancellationToken) =>
        await db.Set<ApiBatch>().AsNoTracking().Where(b => b.ClientId == client && b.Kind == kind && b.FileHash == hash).Select(b => b.Result).FirstOrDefaultAsync(cancellationToken) is { } json
            ? JsonSerializer.Deserialize<BatchResult>(json, ApiJson.Options)
            : null;

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<BatchResult> Replayed(HttpContext http, BatchResult earlier)
    {
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Json(earlier, ApiJson.Options);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<BatchProblem> Refused(HttpContext http, List<BatchRow> rows)
    {
        var texts = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var problem = new BatchProblem("about:blank", texts["Api.Problem.BatchRefused.Title"], StatusCodes.Status422UnprocessableEntity, texts["Api.Problem.BatchRefused", rows.Count(r => r.Outcome == "refused")], http.Request.Path, rows);
        return TypedResults.Json(problem, ApiJson.Options, ApiProblem.ContentType, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<BatchResult> RecordAsync(AppDbContext db, HttpContext http, TimeProvider clock, Guid client, string kind, string hash, List<BatchRow> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var result = new BatchResult(Guid.CreateVersion7(now), rows.Count(r => r.Outcome == "accepted"), rows.Count(r => r.Outcome == "unchanged"), 0, rows);
        db.Set<ApiBatch>().Add(new ApiBatch { Id = result.BatchId, ClientId = client, Kind = kind, FileHash = hash, Rows = rows.Count, Result = JsonSerializer.Serialize(result, ApiJson.Options), CreatedAt = now.UtcDateTime });
        ApiAccessActions.Log(db, clock, http, ApiAccessActions.BatchApplied, rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value), kind);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
