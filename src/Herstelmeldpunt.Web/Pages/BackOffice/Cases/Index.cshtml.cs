using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>All reports, most urgent first, then oldest. No BSN or health details in the list.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string ReferenceNumber, DateTime ReceivedAt, UrgencyLevel Urgency, ReportSource Source, IntakeChannel? Channel, bool InTargetGroup, bool Duplicate);

    public IReadOnlyList<Row> Reports { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Total = await db.Reports.CountAsync(cancellationToken);
        Reports = await db.Reports
            .OrderByDescending(r => r.Urgency)
            .ThenBy(r => r.ReceivedAt)
            .Select(r => new Row(r.Id, r.ReferenceNumber, r.ReceivedAt, r.Urgency, r.Source, r.Channel,
                db.TargetGroupMembers.Any(m => m.Bsn == r.Bsn), r.DuplicateOfReportId != null))
            .Take(500)
            .ToListAsync(cancellationToken);
    }
}
