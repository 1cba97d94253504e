using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// POST /api/v1/cases — a partner files a report for someone, checked by the same rules as the public form
/// (<see cref="IntakeValidator"/>) and stored by the same <see cref="ReportIntake"/>. The Idempotency-Key header is
/// required: a retry with the same key and body answers with the same case (never a second one), the same key
/// with another body is refused with 422.
/// </summary>
public static class FileReportEndpoint
{
    public sealed record AddressPart(string? Street, string? Postcode, string? City);

    public sealed record RepresentativePart(string? Name, string? Relation, string? Email, string? Phone, bool Authorised);

    /// <summary>The report; enumerations and the date are text so that a wrong value is a field problem, not a broken body.</summary>
    public sealed record FileReportRequest(
        string? FullName,
        string? Bsn,
        string? DateOfBirth,
        string? Email,
        string? Phone,
        string? PreferredChannel,
        string? PreferredTime,
        AddressPart? Address,
        RepresentativePart? Representative,
        bool EmotionalTrouble,
        bool PsychologicalTrouble,
        bool FinancialTrouble,
        string? Description,
        bool? NoIncome,
        bool? DebtCollectionOrEviction,
        bool? CrisisOrDanger,
        bool Consent,
        string? Language);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/cases", HandleAsync)
            .WithName("fileReport")
            .WithSummary("Een melding indienen namens iemand")
            .WithDescription("Dezelfde regels als het formulier. Kop Idempotency-Key is verplicht (1–64 tekens: letters, cijfers, - en _): dezelfde sleutel met dezelfde inhoud geeft dezelfde melding terug, met andere inhoud 422.")
            .Accepts<FileReportRequest>("application/json")
            .Produces<CaseSummary>(StatusCodes.Status201Created)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status422UnprocessableEntity, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesWrite);
    }

    private static async Task<IResult> HandleAsync(HttpContext http, AppDbContext db, ReportIntake intake, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var clientId = ApiCaller.Of(http).ClientId;
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (!ApiIdempotency.IsValidKey(key))
        {
            return ApiProblem.Invalid(http, [("Idempotency-Key", "required", "Api.Invalid.IdempotencyKey")]);
        }

        var body = await ApiBody.ReadBytesAsync(http, cancellationToken);
        var request = body is null ? null : ApiBody.Parse<FileReportRequest>(body);
        if (request is null)
        {
            return ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.Malformed");
        }

        var requestHash = ApiIdempotency.RequestHash(request); // of the content, not the bytes: the same report sent as a batch row matches
        if (await ApiIdempotency.ReplayAsync(db, catalog, clientId, key, requestHash, cancellationToken) is { } earlier)
        {
            return earlier.Matches ? Created(http, earlier.Case!, replayed: true) : ApiProblem.Result(http, StatusCodes.Status422UnprocessableEntity, "Api.Problem.IdempotencyMismatch");
        }

        var now = clock.GetUtcNow();
        var (problems, valid, language) = Check(request, ApiIdempotency.ReportKey(clientId, key), Common.AmsterdamTime.DateOf(now.UtcDateTime));
        if (valid is null)
        {
            return ApiProblem.Invalid(http, problems);
        }

        var report = ReportIntake.FromIntake(valid, now.UtcDateTime, ReportSource.Partner, language);
        db.Set<ApiIdempotencyRecord>().Add(new ApiIdempotencyRecord { ClientId = clientId, Key = key, RequestHash = requestHash, CaseId = report.Id, CreatedAt = now.UtcDateTime });
        var actor = ApiCaller.Of(http).Actor;
        var (stored, created) = await intake.StoreOnceAsync(report, actor, cancellationToken);
        db.ChangeTracker.Clear();
        if (!created)
        {
            // Another request with the same key got there first (a retry racing the original).
            var raced = await ApiIdempotency.ReplayAsync(db, catalog, clientId, key, requestHash, cancellationToken);
            return raced is { Matches: true, Case: { } same } ? Created(http, same, replayed: true) : ApiProblem.Result(http, StatusCodes.Status422UnprocessableEntity, "Api.Problem.IdempotencyMismatch");
        }

        ApiAccessActions.Log(db, clock, http, ApiAccessActions.CaseFiled, [stored.Id]);
        await db.SaveChangesAsync(cancellationToken);
        var row = await CaseViews.Rows(db).AsNoTracking().FirstAsync(r => r.Id == stored.Id, cancellationToken);
        return Created(http, CaseViews.Summary(row, catalog, Cultures.CurrentLanguage), replayed: false);
    }

    private static CreatedWithLocation Created(HttpContext http, CaseSummary summary, bool replayed)
    {
        if (replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return new CreatedWithLocation(TypedResults.Json(summary, ApiJson.Options, statusCode: StatusCodes.Status201Created), $"{ApiSetup.BasePath}/cases/{summary.Id:D}");
    }

    private sealed class CreatedWithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>The form's rules on a partner's report: every problem (JSON member, code, text key), or the valid report and its language.</summary>
    public static (List<(string Name, string Code, string MessageKey)> Problems, ValidIntake? Valid, string Language) Check(FileReportRequest request, Guid reportKey, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (errors, valid) = IntakeValidator.Validate(ToInput(request, reportKey), today);
        var problems = errors.Select(e => (JsonName(e.Field), "invalid", e.MessageKey)).DistinctBy(p => (p.Item1, p.Item3)).ToList();
        var language = request.Language ?? "nl";
        if (language is not ("nl" or "en"))
        {
            problems.Add(("language", "invalid", "Api.Invalid.Language"));
        }

        return (problems, problems.Count == 0 ? valid : null, language);
    }

    /// <summary>The JSON read into the intake's typed answers: the representative's presence is "for someone else", yes/no are booleans, the date is ISO.</summary>
    private static IntakeInput ToInput(FileReportRequest r, Guid key) => new()
    {
        IdempotencyKey = key,
        ForSomeoneElse = Answer.Of(r.Representative is not null),
        FullName = r.FullName,
        Bsn = r.Bsn,
        DateOfBirth = DateOfBirthRule.ReadIso(r.DateOfBirth),
        Email = r.Email,
        Phone = r.Phone,
        PreferredChannel = Choice<ContactChannel>(r.PreferredChannel, "Error.PreferredChannel.Required"),
        PreferredTime = Choice<ContactTime>(r.PreferredTime, "Error.PreferredTime.Required"),
        AddressStreet = r.Address?.Street,
        AddressPostcode = r.Address?.Postcode,
        AddressCity = r.Address?.City,
        RepresentativeName = r.Representative?.Name,
        RepresentativeRelation = r.Representative?.Relation,
        RepresentativeEmail = r.Representative?.Email,
        RepresentativePhone = r.Representative?.Phone,
        RepresentativeAuthorised = r.Representative?.Authorised ?? false,
        EmotionalTrouble = r.EmotionalTrouble,
        PsychologicalTrouble = r.PsychologicalTrouble,
        FinancialTrouble = r.FinancialTrouble,
        Description = r.Description,
        NoIncome = Answer.From(r.NoIncome),
        DebtCollectionOrEviction = Answer.From(r.DebtCollectionOrEviction),
        CrisisOrDanger = Answer.From(r.CrisisOrDanger),
        Consent = r.Consent,
    };

    /// <summary>An enumeration value in the API's camelCase ("phone", "noPreference"); nothing is no answer, anything else unreadable.</summary>
    private static Answer<T> Choice<T>(string? value, string unreadable)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }

        var name = char.ToUpperInvariant(value[0]) + value[1..];
        return Enum.GetNames<T>().Contains(name, StringComparer.Ordinal) ? Answer.Of(Enum.Parse<T>(name)) : Answer.Unreadable<T>(unreadable);
    }

    /// <summary>The JSON member a form field's problem is about.</summary>
    private static string JsonName(string field) => field switch
    {
        "BirthDay" or "BirthMonth" or "BirthYear" => "dateOfBirth",
        "FilingFor" => "representative",
        "AddressStreet" => "address.street",
        "AddressPostcode" => "address.postcode",
        "AddressCity" => "address.city",
        "RepresentativeName" => "representative.name",
        "RepresentativeRelation" => "representative.relation",
        "RepresentativeEmail" => "representative.email",
        "RepresentativePhone" => "representative.phone",
        "RepresentativeAuthorised" => "representative.authorised",
        "IdempotencyKey" => "Idempotency-Key",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };
}

/// <summary>The Idempotency-Key rules: a key per client, tied to the body it first came with.</summary>
public static class ApiIdempotency
{
    public const int MaxKeyLength = 64;

    public sealed record Earlier(bool Matches, CaseSummary? Case);

    /// <summary>SHA-256 of the request as the API reads it (whitespace and member order do not count).</summary>
    public static string RequestHash(FileReportEndpoint.FileReportRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, ApiJson.Options)));

    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The report's own idempotency key for a client's key: the same for a retry, different across clients.</summary>
    public static Guid ReportKey(Guid clientId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"api:{clientId:N}:{key}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static async Task<Earlier?> ReplayAsync(AppDbContext db, WorkflowCatalog catalog, Guid clientId, string key, string requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var record = await db.Set<ApiIdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.ClientId == clientId && r.Key == key, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (record.RequestHash != requestHash)
        {
            return new Earlier(false, null);
        }

        var row = await CaseViews.Rows(db).AsNoTracking().FirstAsync(r => r.Id == record.CaseId, cancellationToken);
        return new Earlier(true, CaseViews.Summary(row, catalog, Cultures.CurrentLanguage));
    }
}
