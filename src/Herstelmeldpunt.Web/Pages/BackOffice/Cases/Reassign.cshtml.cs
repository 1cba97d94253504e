using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>The chair or a manager moves committee cases to another member, or releases all of a member's cases.</summary>
public sealed class ReassignModel(AppDbContext db, CaseWorkflow workflow, Reassignment reassignment) : PageModel
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string> { StaffRoles.CommitteeChair, StaffRoles.Manager };

    public sealed record Row(Guid Id, string ReferenceNumber, UrgencyLevel Urgency, string State, string? AssigneeId, DateTime StateEnteredAt);

    public IReadOnlyList<(string UserId, string Name, int OpenCases)> Members { get; private set; } = [];

    public IReadOnlyList<Row> Cases { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "lid")]
    public string? FromMember { get; set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    [BindProperty]
    public string? ToMember { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? ErrorKey { get; private set; }

    public string? NoticeKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? melding, CancellationToken cancellationToken)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        NoticeKey = melding == "ok" ? "Reassign.Done" : null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken cancellationToken)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        ErrorKey = await reassignment.MoveAsync(Selected, ToMember ?? string.Empty, Reason ?? string.Empty, StaffActor.From(User).Name, cancellationToken);
        if (ErrorKey is not null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("/BackOffice/Cases/Reassign", new { melding = "ok" });
    }

    public async Task<IActionResult> OnPostReleaseAsync(CancellationToken cancellationToken)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        (_, ErrorKey) = string.IsNullOrEmpty(FromMember)
            ? (0, "Reassign.Error.Member")
            : await reassignment.ReleaseAsync(FromMember, Reason ?? string.Empty, StaffActor.From(User).Name, cancellationToken);
        if (ErrorKey is not null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("/BackOffice/Cases/Reassign", new { melding = "ok" });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = await workflow.CommitteeWorkloadAsync(cancellationToken);
        var query = from i in db.WorkflowInstances
                    join r in db.Reports on i.Id equals r.Id
                    where CaseWorkflow.CommitteeStates.Contains(i.State)
                    select new { i, r };
        if (!string.IsNullOrEmpty(FromMember))
        {
            query = query.Where(x => x.i.AssigneeId == FromMember);
        }

        // The worklists' order (most urgent, then oldest report): at a million reports PostgreSQL walks
        // IX_Reports_Queue until it has 200 committee cases (42 ms) instead of sorting all of them (260 ms).
        Cases = await query.OrderByDescending(x => x.r.Urgency).ThenBy(x => x.r.ReceivedAt).ThenBy(x => x.r.Id).Take(200)
            .Select(x => new Row(x.i.Id, x.r.ReferenceNumber, x.r.Urgency, x.i.State, x.i.AssigneeId, x.i.StateEnteredAt))
            .ToListAsync(cancellationToken);
    }
}
