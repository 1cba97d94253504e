using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup;

/// <summary>
/// The opening-day letter to everyone in the target group (seed 001: on 15 December 2020 every member
/// received a letter), one per printed page, merged with each person's details. The letter is in Dutch.
/// </summary>
public sealed class LettersModel(AppDbContext db, TimeProvider clock, EmailOptions email) : PageModel
{
    public IReadOnlyList<TargetGroupMember> Members { get; private set; } = [];

    public bool OnlyNotReported { get; private set; }

    public DateOnly Today { get; private set; }

    public string PortalUrl { get; private set; } = string.Empty;

    public async Task OnGetAsync(string? alleen, CancellationToken cancellationToken)
    {
        OnlyNotReported = alleen == "niet-gemeld";
        Today = AmsterdamTime.Today(clock);
        PortalUrl = email.BaseUrl(Request) + "/melden";
        var members = db.TargetGroupMembers.AsNoTracking();
        if (OnlyNotReported)
        {
            members = members.Where(m => !db.Reports.Any(r => r.Bsn == m.Bsn));
        }

        Members = await members.OrderBy(m => m.FullName).ToListAsync(cancellationToken);
    }
}
