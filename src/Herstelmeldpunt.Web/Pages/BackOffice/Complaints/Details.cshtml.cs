using System.Globalization;
using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Complaints;

/// <summary>
/// One complaint on the officer's desk: take it (refused to anyone who had a part in the case, Awb 9:7), record the
/// hearing (unless the person waived it, 9:10), extend the term once by four weeks with the reason (9:11), decide with
/// findings the person reads (the letter names the National Ombudsman, 9:12). Managers may read it.
/// </summary>
public sealed class DetailsModel(AppDbContext db, ComplaintDesk desk, TimeProvider clock) : PageModel
{
    public Complaint Item { get; private set; } = null!;

    public string ReferenceNumber { get; private set; } = string.Empty;

    /// <summary>The signed-in member of staff handles it (took it, or may take it).</summary>
    public bool IsOfficer { get; private set; }

    public bool Mine => Item.OfficerId is not null && Item.OfficerId == StaffActor.From(User).UserId;

    [BindProperty]
    public string? HeldOn { get; set; }

    [BindProperty]
    public string? HearingReport { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Findings { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostTakeAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Take", async (report, me) => await desk.TakeAsync(Item, me.UserId!, me.Name, cancellationToken), needsMine: false, cancellationToken);

    public Task<IActionResult> OnPostHearingAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(HeldOn), (report, me) =>
        {
            var text = HearingReport?.Trim();
            if (!DateOnly.TryParseExact(HeldOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var held))
            {
                return Task.FromResult<string?>("ObjectionDesk.Error.HeldOn");
            }

            return Task.FromResult(string.IsNullOrEmpty(text) ? "ObjectionDesk.Error.Report" : text.Length > ComplaintDesk.TextMaxLength ? "ObjectionDesk.Error.TooLong" : desk.RecordHearing(Item, held, text, me.Name));
        }, needsMine: true, cancellationToken);

    public Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(Reason), (report, me) =>
        {
            var reason = Reason?.Trim();
            return Task.FromResult(string.IsNullOrEmpty(reason) ? "Complaints.Error.Reason" : reason.Length > ComplaintDesk.TextMaxLength ? "ObjectionDesk.Error.TooLong" : desk.Extend(Item, report, reason, me.Name));
        }, needsMine: true, cancellationToken);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(Outcome), (report, me) =>
        {
            var findings = Findings?.Trim();
            if (!Enum.TryParse<ComplaintOutcome>(Outcome, out var outcome) || !Enum.IsDefined(outcome))
            {
                return Task.FromResult<string?>("Complaints.Error.Outcome");
            }

            return string.IsNullOrEmpty(findings) ? Task.FromResult<string?>("Complaints.Error.Findings") : findings.Length > ComplaintDesk.TextMaxLength ? Task.FromResult<string?>("ObjectionDesk.Error.TooLong") : desk.DecideAsync(Item, report, outcome, findings, me.Name, cancellationToken);
        }, needsMine: true, cancellationToken);

    /// <summary>Loads tracked, checks the officer may act, runs the step; saves and returns to the page, or shows its error by the field.</summary>
    private async Task<IActionResult> ActAsync(Guid id, string field, Func<Reports.Report, Herstelmeldpunt.Workflow.Engine.Actor, Task<string?>> step, bool needsMine, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken, tracked: true) is { } early)
        {
            return early;
        }

        var me = StaffActor.From(User);
        var error = !IsOfficer ? "Complaints.Error.NotOfficer"
            : Item.DecidedAt is not null ? "Complaints.Error.Decided"
            : needsMine && !Mine ? "Complaints.Error.TakeFirst"
            : await step(await db.Reports.AsNoTracking().SingleAsync(r => r.Id == Item.CaseId, cancellationToken), me);
        if (error is not null)
        {
            Errors = [new FieldError(field, error)];
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var complaints = tracked ? db.Complaints : db.Complaints.AsNoTracking();
        if (await complaints.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } complaint)
        {
            return NotFound();
        }

        Item = complaint;
        ReferenceNumber = await db.Reports.Where(r => r.Id == complaint.CaseId).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        IsOfficer = User.IsInRole(StaffRoles.ComplaintsOfficer);
        if (!tracked)
        {
            Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CaseViewed, complaint.CaseId, "klacht");
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }
}
