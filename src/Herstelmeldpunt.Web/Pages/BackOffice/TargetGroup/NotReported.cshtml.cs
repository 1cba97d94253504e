using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup;

/// <summary>Who in the target group has not reported yet. Managers see names, not BSNs.</summary>
public sealed class NotReportedModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>At most this many are listed; the letters page reaches all of them.</summary>
    public const int Shown = 2000;

    public IReadOnlyList<TargetGroupMember> Members { get; private set; } = [];

    public int Total { get; private set; }

    public bool ShowBsn { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShowBsn = User.IsInRole(StaffRoles.Administrator);
        var query = db.TargetGroupMembers.AsNoTracking().Where(m => m.ReportedAt == null);
        Total = await query.CountAsync(cancellationToken);
        // The longest ago re-assessed first (the name is stored encrypted: sorting on it would be no order at all).
        Members = await query.OrderBy(m => m.ReassessmentDate).ThenBy(m => m.Id).Take(Shown).ToListAsync(cancellationToken);
        if (Members.Count > 0)
        {
            Audit.AccessLog.RecordList(db, clock, HttpContext, "register, not reported", Members.Count, firstPage: true);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
