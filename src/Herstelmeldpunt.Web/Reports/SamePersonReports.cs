using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reports;

/// <summary>
/// The other reports of the same person (same BSN) as the case page lists them: the first <see cref="Shown"/> by
/// receipt, bounded because one BSN can have many (a partner's retries, a helper filing again) and the page must stay
/// fast; the rest are counted and found by a BSN search in the case list. The report this one repeats is nearly always
/// among those listed; it is read on its own only when it is not.
/// </summary>
public sealed record SamePersonReports(IReadOnlyList<SamePersonReports.Other> Listed, int Count, SamePersonReports.Other? First)
{
    public const int Shown = 20;

    public sealed record Other(Guid Id, string ReferenceNumber, DateTime ReceivedAt);

    public static async Task<SamePersonReports> ForAsync(AppDbContext db, Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var sameBsn = db.Reports.Where(r => r.BsnHash == report.BsnHash && r.Id != report.Id);
        var listed = await sameBsn.OrderBy(r => r.ReceivedAt).Take(Shown)
            .Select(r => new Other(r.Id, r.ReferenceNumber, r.ReceivedAt))
            .ToListAsync(cancellationToken);
        var count = listed.Count < Shown ? listed.Count : await sameBsn.CountAsync(cancellationToken);
        var first = report.DuplicateOfReportId is not { } firstId ? null
            : listed.FirstOrDefault(o => o.Id == firstId)
              ?? await db.Reports.Where(r => r.Id == firstId).Select(r => new Other(r.Id, r.ReferenceNumber, r.ReceivedAt)).FirstOrDefaultAsync(cancellationToken);
        return new SamePersonReports(listed, count, first);
    }
}
