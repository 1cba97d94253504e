using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Api;
/// <summary>Batch files of reports: each row checked like the API and the form, all stored in one transaction or none.</summary>
public static partial class BatchEndpoints
{
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

        var actor = ApiCaller.Of(http).Actor;
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
}
