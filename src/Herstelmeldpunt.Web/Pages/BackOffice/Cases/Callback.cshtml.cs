using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// A callback request on the staff side (customer contact, managers): what it is about, the part of the day, the
/// number and the norm; "reached" closes it and keeps its promise, "not reached" counts a try and leaves it open.
/// </summary>
public sealed class CallbackModel(AppDbContext db, CallbackDesk desk, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string> { StaffRoles.CustomerContact, StaffRoles.Manager };

    public string ReferenceNumber { get; private set; } = string.Empty;

    public Guid CaseId { get; private set; }

    public CallbackRequest? Open { get; private set; }

    /// <summary>The subject of the message it is about, if any.</summary>
    public string? About { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, tracked: false, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, bool reached, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, tracked: true, cancellationToken) is { } early)
        {
            return early;
        }

        if (Open is null)
        {
            return RedirectToPage("/BackOffice/Worklist"); // already done by a colleague
        }

        var actor = StaffActor.From(User);
        await desk.CalledAsync(Open, reached, actor.UserId ?? string.Empty, actor.Name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/backoffice/werkvoorraad?melding=" + (reached ? "teruggebeld" : "niet-bereikt"));
    }

    private async Task<IActionResult?> LoadAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        if (await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).FirstOrDefaultAsync(cancellationToken) is not { } reference)
        {
            return NotFound();
        }

        (CaseId, ReferenceNumber) = (id, reference);
        var requests = tracked ? db.CallbackRequests : db.CallbackRequests.AsNoTracking();
        Open = await requests.Where(c => c.CaseId == id && c.DoneAt == null).OrderBy(c => c.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        if (Open?.MessageId is { } message)
        {
            About = await db.OutboxMessages.Where(m => m.Id == message).Select(m => m.Subject).FirstOrDefaultAsync(cancellationToken)
                ?? await db.CaseLetters.Where(l => l.Id == message).Select(l => l.Subject).FirstOrDefaultAsync(cancellationToken);
        }

        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CaseViewed, id, "terugbellen");
        if (!tracked)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }
}
