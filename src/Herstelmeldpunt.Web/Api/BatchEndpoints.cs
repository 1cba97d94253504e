using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.TargetGroup;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// Marks an operation whose body is a CSV file, for the OpenAPI document (<see cref="ApiDocument"/>). Not
/// <c>Accepts</c>: that makes routing pass a request with another content type to the catch-all (a 404) instead of
/// letting the endpoint answer "send text/csv" (a 400).
/// </summary>
public sealed class CsvBody;

/// <summary>A batch file once processed: its hash per client and the answer, so the same file again changes nothing.</summary>
public sealed class ApiBatch
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public string Kind { get; set; } = string.Empty;

    /// <summary>SHA-256 of the file (hex).</summary>
    public string FileHash { get; set; } = string.Empty;

    public int Rows { get; set; }

    /// <summary>The answer given (row results: ids and outcomes, no personal data).</summary>
    public string Result { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }
}

/// <summary>One row's outcome: accepted (applied now), unchanged (applied by an earlier file) or refused, with the problems.</summary>
public sealed record BatchRow(int Line, string? Key, string Outcome, Guid? CaseId, string? ReferenceNumber, IReadOnlyList<InvalidParam> Problems);

public sealed record BatchResult(Guid BatchId, int Accepted, int Unchanged, int Refused, IReadOnlyList<BatchRow> Rows);

/// <summary>The file is refused as a whole: nothing was applied; <see cref="Rows"/> says per row what is wrong.</summary>
public sealed record BatchProblem(string Type, string Title, int Status, string Detail, string Instance, IReadOnlyList<BatchRow> Rows);

/// <summary>
/// Batch exchange for partners without an API integration (docs/api.md "Batch files"): a CSV file of reports or of
/// status updates, checked row by row with the same rules as the API and the form. All rows valid: all applied in one
/// transaction (200, the outcome per row). Any row invalid: nothing applied (422 problem with every row's outcome).
/// The same file again: the same answer, nothing changes (per client, by the file's hash); a row whose key was filed
/// before is "unchanged". Columns: <see cref="ReportColumns"/>, <see cref="StatusColumns"/>.
/// </summary>
public static class BatchEndpoints
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
        api.MapPost("/batches/status-updates", (HttpContext http, AppDbContext db, CaseWorkflow workflow, TimeProvider clock, CancellationToken cancellationToken) =>
                TimeBoxedAsync(http, token => StatusUpdatesAsync(http, db, workflow, clock, token), cancellationToken))
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

    private static async Task<IResult> ReportsAsync(HttpContext http, AppDbContext db, ReportIntake intake, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (file, hash, records, problem) = await ReadAsync(http, ReportColumns, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var client = ClientOf(http);
        if (await EarlierAsync(db, client, "reports", hash!, cancellationToken) is { } earlier)
        {
            return Replayed(http, earlier);
        }

        var today = Common.AmsterdamTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var texts = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var rows = new List<BatchRow>();
        var toFile = new Dictionary<int, (ValidIntake Valid, string Language, string Key, string RowHash)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records!)
        {
            var value = Row(record.Fields, ReportColumns);
            var key = value("key") ?? string.Empty;
            var problems = new List<(string Name, string Code, string MessageKey)>();
            if (!ApiIdempotency.IsValidKey(key))
            {
                problems.Add(("key", "invalid", "Api.Invalid.BatchKey"));
            }
            else if (!keys.Add(key))
            {
                problems.Add(("key", "duplicate", "Api.Invalid.BatchKeyTwice"));
            }

            var request = ToRequest(value, problems);
            var (checkProblems, valid, language) = FileReportEndpoint.Check(request, ApiIdempotency.ReportKey(client, key), today);
            problems.AddRange(checkProblems);
            var rowHash = ApiIdempotency.RequestHash(request);
            var row = new BatchRow(record.Line, key, problems.Count == 0 ? "accepted" : "refused", null, null, [.. problems.Select(p => new InvalidParam("about:blank", p.Name, p.Code, texts[p.MessageKey]))]);
            if (problems.Count == 0)
            {
                toFile[rows.Count] = (valid!, language, key, rowHash);
            }

            rows.Add(row);
        }

        // A key filed before with other content is refused too: a key means one report.
        var filedKeys = toFile.Values.Select(t => t.Key).ToList();
        var before = await db.Set<ApiIdempotencyRecord>().AsNoTracking().Where(r => r.ClientId == client && filedKeys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, cancellationToken);
        foreach (var (i, item) in toFile)
        {
            if (before.TryGetValue(item.Key, out var record) && record.RequestHash != item.RowHash)
            {
                rows[i] = rows[i] with { Outcome = "refused", Problems = [new InvalidParam("about:blank", "key", "reused", texts["Api.Invalid.BatchKeyReused"])] };
            }
        }

        if (rows.Any(r => r.Outcome == "refused"))
        {
            return Refused(http, rows);
        }

        var actor = new Actor(null, http.User.FindFirst("name")?.Value ?? "API", new HashSet<string> { ApiBearerHandler.ClientRole });
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (i, item) in toFile)
        {
            if (before.TryGetValue(item.Key, out var earlierRow))
            {
                var reference = await db.Reports.Where(r => r.Id == earlierRow.CaseId).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
                rows[i] = rows[i] with { Outcome = "unchanged", CaseId = earlierRow.CaseId, ReferenceNumber = reference };
                continue;
            }

            var report = ReportIntake.FromIntake(item.Valid, now, ReportSource.Partner, item.Language);
            db.Set<ApiIdempotencyRecord>().Add(new ApiIdempotencyRecord { ClientId = client, Key = item.Key, RequestHash = item.RowHash, CaseId = report.Id, CreatedAt = now });
            var (stored, created) = await intake.StoreOnceAsync(report, actor, cancellationToken);
            if (!created)
            {
                throw new DbUpdateConcurrencyException("A row's key was filed by another request at the same moment; the file is not applied.");
            }

            rows[i] = rows[i] with { CaseId = stored.Id, ReferenceNumber = stored.ReferenceNumber };

            // Saved (inside the file's transaction): let the rows go, or every next save looks through all earlier ones
            // (100 / 200 / 400 rows took 1.5 / 4.5 / 13.2 s; 5,000 never ended).
            db.ChangeTracker.Clear();
        }

        var result = await RecordAsync(db, http, clock, client, "reports", hash!, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Json(result, ApiJson.Options);
    }

    private static async Task<IResult> StatusUpdatesAsync(HttpContext http, AppDbContext db, CaseWorkflow workflow, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (file, hash, records, problem) = await ReadAsync(http, StatusColumns, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var client = ClientOf(http);
        if (await EarlierAsync(db, client, "status-updates", hash!, cancellationToken) is { } earlier)
        {
            return Replayed(http, earlier);
        }

        var texts = http.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var references = records!.Select(r => Row(r.Fields, StatusColumns)("referenceNumber") ?? string.Empty).ToList();
        var cases = await db.Reports.AsNoTracking().Where(r => references.Contains(r.ReferenceNumber))
            .Join(db.WorkflowInstances, r => r.Id, i => i.Id, (r, i) => new { r.Id, r.ReferenceNumber, i.State, i.Version })
            .ToDictionaryAsync(c => c.ReferenceNumber, cancellationToken);
        var caseIds = cases.Values.Select(c => c.Id).ToList();
        var done = await ProvisionsEndpoint.Recorded(db).Where(c => caseIds.Contains(c)).Distinct().ToListAsync(cancellationToken);
        var rows = new List<BatchRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records!)
        {
            var value = Row(record.Fields, StatusColumns);
            var reference = value("referenceNumber") ?? string.Empty;
            var problems = new List<(string Name, string Code, string MessageKey)>();
            var found = cases.GetValueOrDefault(reference);
            if (found is null)
            {
                problems.Add(("referenceNumber", "unknown", "Api.Invalid.BatchReference"));
            }
            else if (!seen.Add(reference))
            {
                problems.Add(("referenceNumber", "duplicate", "Api.Invalid.BatchReferenceTwice"));
            }

            if (value("update") != "provisionsCarriedOut")
            {
                problems.Add(("update", "invalid", "Api.Invalid.BatchUpdate"));
            }

            if (string.IsNullOrWhiteSpace(value("note")))
            {
                problems.Add(("note", "required", "Api.Invalid.Note"));
            }

            var outcome = problems.Count > 0 ? "refused"
                : found!.State == CaseVocabulary.States.DecisionFinal ? "accepted"
                : done.Contains(found.Id) ? "unchanged"
                : "refused";
            if (outcome == "refused" && problems.Count == 0)
            {
                problems.Add(("referenceNumber", "state", "Api.Problem.NotDecided"));
            }

            rows.Add(new BatchRow(record.Line, reference, outcome, found?.Id, found?.ReferenceNumber, [.. problems.Select(p => new InvalidParam("about:blank", p.Name, p.Code, texts[p.MessageKey]))]));
        }

        if (rows.Any(r => r.Outcome == "refused"))
        {
            return Refused(http, rows);
        }

        var actor = new Actor(null, http.User.FindFirst("name")?.Value ?? "API", new HashSet<string> { Staff.StaffRoles.IntakeStaff });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (row, record) in rows.Zip(records!))
        {
            if (row.Outcome != "accepted")
            {
                continue;
            }

            var found = cases[row.Key!];
            var note = Row(record.Fields, StatusColumns)("note")!.Trim();
            var outcome = await workflow.ApplyAsync(found.Id, ProvisionsEndpoint.Transition, actor, new TransitionInput(found.Version, new Dictionary<string, string?>(), note), cancellationToken);
            if (!outcome.Applied)
            {
                throw new DbUpdateConcurrencyException("A case moved while the file was applied; the file is not applied.");
            }

            db.ChangeTracker.Clear(); // saved inside the file's transaction: every next save stays as small as the first
        }

        var result = await RecordAsync(db, http, clock, client, "status-updates", hash!, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Json(result, ApiJson.Options);
    }

    private static Guid ClientOf(HttpContext http) => Guid.Parse(http.User.FindFirst(ApiBearerHandler.ClientIdClaim)!.Value);

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

    private static FileReportEndpoint.FileReportRequest ToRequest(Func<string, string?> value, List<(string Name, string Code, string MessageKey)> problems)
    {
        bool? Flag(string name)
        {
            var v = value(name);
            if (v is null)
            {
                return null;
            }

            if (bool.TryParse(v, out var b))
            {
                return b;
            }

            problems.Add((name, "invalid", "Api.Invalid.BatchBoolean"));
            return null;
        }

        var representative = value("representativeName") is null && value("representativeRelation") is null && value("representativeEmail") is null && value("representativePhone") is null
            ? null
            : new FileReportEndpoint.RepresentativePart(value("representativeName"), value("representativeRelation"), value("representativeEmail"), value("representativePhone"), Authorised: true);
        var address = value("street") is null && value("postcode") is null && value("city") is null ? null : new FileReportEndpoint.AddressPart(value("street"), value("postcode"), value("city"));
        return new FileReportEndpoint.FileReportRequest(
            value("fullName"), value("bsn"), value("dateOfBirth"), value("email"), value("phone"), value("preferredChannel"), value("preferredTime"),
            address, representative,
            Flag("emotionalTrouble") ?? false, Flag("psychologicalTrouble") ?? false, Flag("financialTrouble") ?? false,
            value("description"), Flag("noIncome"), Flag("debtCollectionOrEviction"), Flag("crisisOrDanger"), Flag("consent") ?? false, value("language"));
    }

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
