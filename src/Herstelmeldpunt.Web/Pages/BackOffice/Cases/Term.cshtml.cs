using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>Extending the decision term once (Awb 4:14), with a reason; the reporter is told by email.</summary>
public sealed class TermModel(AppDbContext db, DecisionTerm term, ReporterMessages reporterMessages, TimeProvider clock) : PageModel
{
    /// <summary>Who may extend: those who decide or who handle intake, and managers.</summary>
    public static readonly IReadOnlySet<string> Roles = new HashSet<string> { StaffRoles.IntakeStaff, StaffRoles.SmzDecisionMaker, StaffRoles.Manager };

    public CaseDeadline Deadline { get; private set; } = null!;

    public string ReferenceNumber { get; private set; } = string.Empty;

    public int MaxDays => term.Options.MaxExtensionWorkingDays;

    [BindProperty]
    public string? Days { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? ErrorKey { get; private set; }

    public string? ErrorField { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        var days = int.TryParse(Days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
        ErrorKey = term.Extend(Deadline, days, Reason, StaffActor.From(User).Name, clock.GetUtcNow());
        if (ErrorKey is not null)
        {
            ErrorField = ErrorKey == "Term.Error.Reason" ? "Reason" : "Days";
            return Page();
        }

        var report = await db.Reports.SingleAsync(r => r.Id == id, cancellationToken);
        var culture = report.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch;
        reporterMessages.Queue(report, "decision_term_extended", $"term-extended:{id}", new Dictionary<string, string>
        {
            ["when"] = Deadline.DueOn.ToString("dddd d MMMM yyyy", culture),
            ["reason"] = Reason!.Trim(), // the letter says why (Awb 4:14); the email only that the date moved
        }, promised: new Web.Cases.Promises.Promised(Deadline.DueOn));
        Audit.AuditLog.Record(db, clock, User, "case.term-extended", report.ReferenceNumber, $"{days} working days");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", new { id, melding = "termijn" });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        var deadline = await db.Set<CaseDeadline>().FirstOrDefaultAsync(d => d.CaseId == id, cancellationToken);
        if (deadline is null)
        {
            return NotFound();
        }

        Deadline = deadline;
        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        return null;
    }
}
