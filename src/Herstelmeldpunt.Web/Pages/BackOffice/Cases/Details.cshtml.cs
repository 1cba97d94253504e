using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// The case: the report, its match in the target-group register (by BSN), and the other reports for
/// the same BSN. Which roles may act on which case comes with the workflow.
/// </summary>
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public sealed record OtherReport(Guid Id, string ReferenceNumber, DateTime ReceivedAt);

    public Report Report { get; private set; } = null!;

    public TargetGroupMember? RegisterMatch { get; private set; }

    public OtherReport? FirstReport { get; private set; }

    public IReadOnlyList<OtherReport> OtherReports { get; private set; } = [];

    public string? CreatedByName { get; private set; }

    public bool JustCreated { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        JustCreated = melding == "nieuw";
        RegisterMatch = await db.TargetGroupMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Bsn == report.Bsn, cancellationToken);
        OtherReports = await db.Reports.Where(r => r.Bsn == report.Bsn && r.Id != report.Id)
            .OrderBy(r => r.ReceivedAt)
            .Select(r => new OtherReport(r.Id, r.ReferenceNumber, r.ReceivedAt))
            .ToListAsync(cancellationToken);
        FirstReport = OtherReports.FirstOrDefault(o => o.Id == report.DuplicateOfReportId);
        if (report.CreatedByUserId is not null)
        {
            CreatedByName = await db.Users.Where(u => u.Id == report.CreatedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        return Page();
    }
}
