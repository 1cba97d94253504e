using System.Globalization;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Management;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Management;

/// <summary>
/// The reports to parliament: the kept ones (made by the job after each period), newest first, to download; and one
/// for any period on demand (not kept), after the dates are checked. Counts only: no personal data is in them.
/// </summary>
public sealed class ReportsModel(AppDbContext db, ParliamentReports reports, ParliamentReportOptions options, TimeProvider clock) : PageModel
{
    public sealed record Kept(Guid Id, DateOnly PeriodFrom, DateOnly PeriodTo, DateTime CreatedAt, int Pages);

    public IReadOnlyList<Kept> Reports { get; private set; } = [];

    public int Months => options.Months;

    [BindProperty(SupportsGet = true, Name = "van")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public string? To { get; set; }

    public string? ErrorKey { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await db.Set<ParliamentReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return report is null ? NotFound() : File(report.Pdf, "application/pdf", FileName(report.PeriodFrom, report.PeriodTo));
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        var ok = DateOnly.TryParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from);
        ok &= DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to);
        ErrorKey = !ok || from > to ? "Parliament.Error.Dates"
            : to > AmsterdamTime.Today(clock) ? "Parliament.Error.Future"
            : to.DayNumber - from.DayNumber >= options.MaxDays ? "Parliament.Error.TooLong"
            : null;
        if (ErrorKey is not null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var (pdf, _) = await reports.RenderAsync(new Period(from, to), Localization.Cultures.CurrentLanguage, cancellationToken);
        Audit.AuditLog.Record(db, clock, User, "figures.parliament-report", "-", $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd} (counts only)");
        await db.SaveChangesAsync(cancellationToken);
        return File(pdf, "application/pdf", FileName(from, to));
    }

    private static string FileName(DateOnly from, DateOnly to) => $"rapportage-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.pdf";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var last = reports.LastEnded(AmsterdamTime.Today(clock));
        From ??= last.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To ??= last.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Reports = await db.Set<ParliamentReport>().AsNoTracking().OrderByDescending(r => r.PeriodFrom)
            .Select(r => new Kept(r.Id, r.PeriodFrom, r.PeriodTo, r.CreatedAt, r.Pages)).ToListAsync(cancellationToken);
    }
}
