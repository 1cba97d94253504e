using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>The person changes how and when we reach them, and in which language; staff see what changed (not the values) on the case page.</summary>
public sealed class ContactModel(AppDbContext db, ReporterMessages messages, EmailChanges emailChanges, Cases.FollowUp.FollowUpPlanner planner, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ContactForm Form { get; set; } = new();

    public bool HasRepresentative { get; private set; }

    /// <summary>The person (not a representative) may add a representative when there is none.</summary>
    public bool MayAddRepresentative { get; private set; }

    [BindProperty]
    public bool AddRepresentative { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>New addresses waiting for confirmation from their mailbox (the old one is still used).</summary>
    public IReadOnlyList<EmailChange> Pending { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } report)
        {
            return Redirect("/mijn-melding");
        }

        Form = ContactForm.From(report);
        foreach (var waiting in Pending)
        {
            // The form shows what the person asked for last; sending it again sends no second mail, the old address cancels it.
            if (waiting.ForRepresentative)
            {
                Form.RepresentativeEmail = waiting.NewAddress;
            }
            else
            {
                Form.Email = waiting.NewAddress;
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } report)
        {
            return Redirect("/mijn-melding");
        }

        var adding = MayAddRepresentative && AddRepresentative;
        Errors = ContactChange.Validate(Form, HasRepresentative, adding);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var (oldEmail, oldRepresentativeEmail) = (report.Email, report.RepresentativeEmail);
        var changed = ContactChange.Apply(report, Form, adding).ToList();
        var now = clock.GetUtcNow();
        var actor = ReporterAccess.ActorOf(User).Name;
        var confirming = await emailChanges.HoldUntilConfirmedAsync(report, changed, oldEmail, oldRepresentativeEmail, actor, cancellationToken);
        if (changed.Count > 0)
        {
            if (changed.Contains("Field.PreferredTime"))
            {
                await MovePlannedCallAsync(report, now, cancellationToken);
            }

            db.Set<CaseEvent>().Add(CaseEvent.Of(report.Id, now, actor, "contact_changed", string.Join(',', changed)));
        }

        if (changed.Count > 0 || confirming)
        {
            await db.SaveChangesAsync(cancellationToken);
            await ReporterSignIns.EndOthersAsync(db, clock, report.Id, User, cancellationToken); // changed contact details end every other session
        }

        if (Localization.Cultures.FromLanguage(report.Language) is { } culture)
        {
            Localization.Cultures.Remember(HttpContext, culture); // the pages follow the chosen language too
        }

        return Redirect(confirming ? "/mijn-melding?melding=bevestig-email" : "/mijn-melding?melding=contact");
    }

    /// <summary>A call planned but not yet made moves to the new part of the day, and the person is told the new time.</summary>
    private async Task MovePlannedCallAsync(Report report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var call = await db.FollowUpCalls.Where(c => c.CaseId == report.Id && c.CalledAt == null && c.ScheduledFor > now.UtcDateTime)
            .OrderByDescending(c => c.Attempt).FirstOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return;
        }

        var moved = planner.Moved(new DateTimeOffset(call.ScheduledFor, TimeSpan.Zero), report.PreferredTime);
        if (moved.UtcDateTime == call.ScheduledFor || moved <= now)
        {
            return;
        }

        var name = $"follow_up_call_{call.Attempt}";
        foreach (var timer in await db.WorkflowTimers.Where(t => t.InstanceId == report.Id && t.Name == name && t.FiredAt == null && t.CancelledAt == null).ToListAsync(cancellationToken))
        {
            timer.DueAt = moved.UtcDateTime; // saved with the contact change, in one transaction
        }

        call.ScheduledFor = moved.UtcDateTime;
        messages.Queue(report, "follow_up_call_planned", $"call:{report.Id}:{call.Attempt}:moved:{moved.UtcTicks}", new Dictionary<string, string> { ["when"] = Cases.FollowUp.FollowUpPlanner.Spelled(moved, report.Language) },
            promised: new Cases.Promises.Promised(Common.AmsterdamTime.DateOf(moved.UtcDateTime)));
    }

    private async Task<Report?> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id)
        {
            return null;
        }

        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        HasRepresentative = report?.RepresentativeName is not null;
        MayAddRepresentative = report is not null && !HasRepresentative && !ReporterAccess.IsRepresentative(User);
        Pending = await EmailChanges.PendingAsync(db, clock.GetUtcNow().UtcDateTime, id, cancellationToken);
        return report;
    }
}
