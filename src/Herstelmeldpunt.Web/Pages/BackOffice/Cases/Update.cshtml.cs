using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// "Send an update" from the silence alarm: for a case on this member's silence list, one B1 update with the current
/// step and the expected date (<see cref="StatusUpdate"/>). Sent once a day at most; a case that is no longer silent
/// (a colleague just sent one) is left alone.
/// </summary>
public sealed class UpdateModel(AppDbContext db, StatusUpdate update, WorkflowCatalog catalog, PromiseOptions options, TimeProvider clock) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    public Guid CaseId { get; private set; }

    public bool Silent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).FirstOrDefaultAsync(cancellationToken) is not { } reference)
        {
            return NotFound();
        }

        (CaseId, ReferenceNumber) = (id, reference);
        Silent = await IsSilentAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await IsSilentAsync(id, cancellationToken))
        {
            return Redirect("/backoffice/werkvoorraad?melding=update-niet-nodig");
        }

        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        var sent = await update.SendAsync(db, report, instance, cancellationToken);
        Audit.AuditLog.Record(db, clock, User, "case.update-sent", report.ReferenceNumber, sent ? "by email or letter" : "no channel");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Redirect("/backoffice/werkvoorraad?melding=update-niet-nodig"); // two clicks at once: the other one sent it
        }

        return Redirect("/backoffice/werkvoorraad?melding=" + (sent ? "update" : "update-bellen"));
    }

    private Task<bool> IsSilentAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = StaffActor.From(User);
        return PromiseWorklist.IsSilentAsync(db, catalog, actor.Roles, actor.UserId, options.SilentSince(clock), id, cancellationToken);
    }
}
