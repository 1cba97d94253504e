using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>A complaint taken by phone (intake, customer contact): the same questions as on Mijn melding, filed for the person's case and acknowledged to them.</summary>
public sealed class ComplaintModel(AppDbContext db, ComplaintDesk desk) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    [BindProperty]
    public ComplaintInput Complaint { get; set; } = new();

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        var (subject, text, wantsHearing, errors) = Complaint.Validate();
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        desk.File(report, subject, text, wantsHearing, ComplaintChannel.Phone, StaffActor.From(User).Name);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", new { id, melding = "klacht" });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(StaffRoles.IntakeStaff) && !User.IsInRole(StaffRoles.CustomerContact))
        {
            return Forbid();
        }

        var reference = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).FirstOrDefaultAsync(cancellationToken);
        if (reference is null)
        {
            return NotFound();
        }

        ReferenceNumber = reference;
        return null;
    }
}
