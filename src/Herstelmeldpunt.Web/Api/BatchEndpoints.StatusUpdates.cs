using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Api;
/// <summary>Batch files of status updates: provisions carried out, one row per case, all recorded in one transaction or none.</summary>
public static partial class BatchEndpoints
{
    private static async Task<IResult> StatusUpdatesAsync(HttpContext http, AppDbContext db, Cases.Steps.RecordProvisions provisions, TimeProvider clock, CancellationToken cancellationToken)
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

        var caller = ApiCaller.Of(http).Name;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (row, record) in rows.Zip(records!))
        {
            if (row.Outcome != "accepted")
            {
                continue;
            }

            var found = cases[row.Key!];
            var note = Row(record.Fields, StatusColumns)("note")!.Trim();
            var outcome = await provisions.RecordAsync(found.Id, found.Version, note, caller, cancellationToken);
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
}
