using System.Globalization;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Common.Csv;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Privacy;

/// <summary>
/// Who looked at which case (NEN 7513), for the privacy officer (or the administrator): filtered by
/// member of staff, case (reference number) and period, newest first, and as CSV. Looking at the log,
/// and exporting it, are themselves logged.
/// </summary>
public sealed class AccessLogModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int Shown = 200;

    public const int MaxExport = 100_000;

    public sealed record Row(DateTime At, string UserName, string Roles, string Action, string? Reference, string? ClientAddress, string Details);

    [BindProperty(SupportsGet = true, Name = "medewerker")]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true, Name = "zaak")]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true, Name = "van")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool UnknownReference { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await Newest(await FilteredAsync(cancellationToken)).Take(Shown).ToListAsync(cancellationToken);
        AccessLog.Record(db, clock, HttpContext, AccessActions.AccessLogViewed, (Guid?)null, Describe());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The filtered log as CSV (at most <see cref="MaxExport"/> rows, newest first), streamed: the export is logged
    /// first, with its row count, and is not in its own file.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var log = await FilteredAsync(cancellationToken);
        var count = await log.Take(MaxExport).CountAsync(cancellationToken);
        AccessLog.Record(db, clock, HttpContext, AccessActions.AccessLogExported, (Guid?)null, $"{count} rows; {Describe()}");
        var own = db.ChangeTracker.Entries<AccessLogEntry>().Single(e => e.State == EntityState.Added).Entity.Id;
        await db.SaveChangesAsync(cancellationToken);

        var rows = Newest(log.Where(a => a.Id != own)).Take(MaxExport).AsAsyncEnumerable();
        return new CsvDownload("toegangslog.csv", Lines());

        async IAsyncEnumerable<IReadOnlyList<object?>> Lines()
        {
            yield return ["at", "staff", "roles", "action", "case", "client_address", "details"];
            await foreach (var r in rows)
            {
                yield return [r.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.UserName, r.Roles, r.Action, r.Reference, r.ClientAddress, r.Details];
            }
        }
    }

    /// <summary>The log with the page's filters (member of staff, case, period).</summary>
    private async Task<IQueryable<AccessLogEntry>> FilteredAsync(CancellationToken cancellationToken)
    {
        var log = db.AccessLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Reference))
        {
            var reference = ReferenceNumber.Parse(Reference);
            var caseId = reference is null ? null : await db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
            UnknownReference = caseId is null;
            log = log.Where(a => a.CaseId == caseId);
        }

        if (Person?.Trim() is { Length: > 0 } person)
        {
            var ids = await db.Users.Where(u => u.DisplayName.Contains(person) || (u.Email != null && u.Email.Contains(person))).OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Select(u => u.Id).Take(50).ToListAsync(cancellationToken);
            log = log.Where(a => a.UserId != null && ids.Contains(a.UserId));
        }

        if (From is { } from)
        {
            var start = Common.AmsterdamTime.StartOfDayUtc(from);
            log = log.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = Common.AmsterdamTime.StartOfDayUtc(to.AddDays(1));
            log = log.Where(a => a.At < end);
        }

        return log;
    }

    /// <summary>Newest first, with each case's reference number.</summary>
    private IQueryable<Row> Newest(IQueryable<AccessLogEntry> log) =>
        log.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new Row(a.At, a.UserName, a.Roles, a.Action, db.Reports.Where(r => r.Id == a.CaseId).Select(r => r.ReferenceNumber).FirstOrDefault(), a.ClientAddress, a.Details));

    private string Describe() => string.Create(CultureInfo.InvariantCulture, $"filter: staff '{Person}', case '{Reference}', {From:yyyy-MM-dd} to {To:yyyy-MM-dd}");
}
