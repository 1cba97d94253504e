using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup;

/// <summary>Who in the target group has not reported yet. Managers see names, not BSNs.</summary>
public sealed class NotReportedModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<TargetGroupMember> Members { get; private set; } = [];

    public int Total { get; private set; }

    public bool ShowBsn { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShowBsn = User.IsInRole(StaffRoles.Administrator);
        var query = db.TargetGroupMembers.AsNoTracking().Where(m => !db.Reports.Any(r => r.BsnHash == m.BsnHash));
        Total = await query.CountAsync(cancellationToken);
        Members = await query.OrderBy(m => m.FullName).Take(2000).ToListAsync(cancellationToken);
    }
}
