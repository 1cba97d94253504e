using Herstelmeldpunt.Web.Cases.Retriage;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// "The situation got worse" on the staff side: customer contact and intake record it from a call; intake answers an
/// open report by raising the urgency or keeping it with a reason the person reads (<see cref="SituationOutcome"/>).
/// </summary>
public sealed class SituationModel(AppDbContext db, SituationOutcome outcome, WorkingDayCalendar calendar, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string> { StaffRoles.IntakeStaff, StaffRoles.CustomerContact };

    public Report Report { get; private set; } = null!;

    public SituationReport? Open { get; private set; }

    public bool CanDecide => User.IsInRole(StaffRoles.IntakeStaff);

    [BindProperty]
    public List<WorseAreas> Areas { get; set; } = [];

    [BindProperty]
    public string? Text { get; set; }

    /// <summary>"raise" or "keep".</summary>
    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public UrgencyLevel? RaiseTo { get; set; }

    [BindProperty]
    public string? KeptReason { get; set; }

    public string? ErrorKey { get; private set; }

    public string? ErrorField { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    /// <summary>Recorded from a phone call: the same task as the person's own report.</summary>
    public async Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        var areas = SituationReport.Combine(Areas);
        var text = Text?.Trim();
        (ErrorField, ErrorKey) = areas == WorseAreas.None ? ("Areas_Money", "Worse.Error.AreasRequired")
            : text?.Length > FieldLimits.LongText ? ("Text", "Worse.Error.TextTooLong") : (null, null);
        if (ErrorKey is null && await SituationReport.RecordAsync(db, calendar, id, areas, text, StaffActor.From(User).Name, clock.GetUtcNow(), cancellationToken) is null)
        {
            (ErrorField, ErrorKey) = ("Areas_Money", "Worse.Error.TooMany");
        }

        if (ErrorKey is not null)
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Situation", new { id });
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken, tracked: true) is { } early)
        {
            return early;
        }

        if (!CanDecide || Open is null)
        {
            return Forbid();
        }

        var actor = StaffActor.From(User);
        ErrorKey = Decision switch
        {
            "raise" => outcome.Apply(Report, Open, RaiseTo ?? Report.Urgency, null, actor.UserId ?? string.Empty, actor.Name, clock.GetUtcNow()),
            "keep" => outcome.Apply(Report, Open, null, KeptReason, actor.UserId ?? string.Empty, actor.Name, clock.GetUtcNow()),
            _ => "Retriage.Error.DecisionRequired",
        };
        if (ErrorKey is not null)
        {
            ErrorField = ErrorKey switch { "Retriage.Error.NotHigher" => "RaiseTo", "Retriage.Error.DecisionRequired" => "Decision_raise", _ => "KeptReason" };
            return Page();
        }

        Audit.AuditLog.Record(db, clock, User, "case.retriaged", Report.ReferenceNumber, $"urgency {Open.UrgencyBefore} -> {Open.UrgencyAfter}");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", new { id, melding = "situatie" });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        var reports = tracked ? db.Reports : db.Reports.AsNoTracking();
        if (await reports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        Report = report;
        var open = tracked ? db.SituationReports : db.SituationReports.AsNoTracking();
        Open = await open.FirstOrDefaultAsync(s => s.CaseId == id && s.HandledAt == null, cancellationToken);
        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CaseViewed, id, "situatie");
        return null;
    }
}
