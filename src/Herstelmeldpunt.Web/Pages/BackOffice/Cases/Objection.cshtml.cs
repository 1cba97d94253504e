using System.Globalization;
using Herstelmeldpunt.Web.Cases.Objections;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// The objection on the directorate's desk (process v6 on): what the person wrote and who helps them; for a late one
/// the reasoned decision on lateness (Awb 6:11); the hearing — booked by the person, waived, or held with its report
/// (Awb 7:2), which the person reads on Mijn melding. Dismissing or upholding the objection (the case's steps) waits
/// for both (guard <c>objection_heard</c>).
/// </summary>
public sealed class ObjectionModel(AppDbContext db, Herstelmeldpunt.Web.Cases.Bookings.SlotBooking booking, TimeProvider clock) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    public Herstelmeldpunt.Web.Cases.Objections.Objection Latest { get; private set; } = null!;

    public Herstelmeldpunt.Web.Cases.Bookings.ConversationSlot? Hearing { get; private set; }

    /// <summary>The objection is being handled: lateness and the hearing can be recorded.</summary>
    public bool Open { get; private set; }

    [BindProperty]
    public string? Excusable { get; set; }

    [BindProperty]
    public string? LatenessReasons { get; set; }

    [BindProperty]
    public string? HeldOn { get; set; }

    [BindProperty]
    public string? Report { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CaseViewed, id, "bezwaar");
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostLatenessAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        var reasons = LatenessReasons?.Trim();
        var errors = new List<FieldError>();
        if (Excusable is not ("yes" or "no"))
        {
            errors.Add(new FieldError(nameof(Excusable), "ObjectionDesk.Error.Excusable"));
        }

        if (string.IsNullOrEmpty(reasons) || reasons.Length > WorkflowEngine.LongTextMax)
        {
            errors.Add(new FieldError(nameof(LatenessReasons), string.IsNullOrEmpty(reasons) ? "ObjectionDesk.Error.Reasons" : "ObjectionDesk.Error.TooLong"));
        }

        if (!Open || !Latest.Late || Latest.LatenessExcusable is not null)
        {
            errors.Add(new FieldError(nameof(Excusable), "ObjectionDesk.Error.Closed"));
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var objection = await db.Objections.SingleAsync(o => o.Id == Latest.Id, cancellationToken);
        (objection.LatenessExcusable, objection.LatenessReasons, objection.LatenessDecidedAt) = (Excusable == "yes", reasons, clock.GetUtcNow().UtcDateTime);
        Journal(id, objection.LatenessExcusable == true ? "lateness_excused" : "lateness_not_excused");
        if (objection.LatenessExcusable == false && Hearing is not null)
        {
            // Manifestly inadmissible: no hearing (Awb 7:3); a booked one is given up and the person told.
            await booking.CancelAsync(id, Herstelmeldpunt.Web.Cases.Bookings.ConversationPurpose.Hearing, StaffActor.From(User).Name, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Objection", new { id });
    }

    public async Task<IActionResult> OnPostHearingAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        var report = Report?.Trim();
        var errors = new List<FieldError>();
        if (!DateOnly.TryParseExact(HeldOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var held))
        {
            errors.Add(new FieldError(nameof(HeldOn), "ObjectionDesk.Error.HeldOn"));
        }
        else if (held > AmsterdamTime.Today(clock) || held < Latest.ReceivedOn)
        {
            errors.Add(new FieldError(nameof(HeldOn), "ObjectionDesk.Error.HeldOnRange"));
        }

        if (string.IsNullOrEmpty(report) || report.Length > WorkflowEngine.LongTextMax)
        {
            errors.Add(new FieldError(nameof(Report), string.IsNullOrEmpty(report) ? "ObjectionDesk.Error.Report" : "ObjectionDesk.Error.TooLong"));
        }

        if (!Open || !Latest.HearingOpen)
        {
            errors.Add(new FieldError(nameof(HeldOn), "ObjectionDesk.Error.Closed"));
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var objection = await db.Objections.SingleAsync(o => o.Id == Latest.Id, cancellationToken);
        (objection.HearingHeldOn, objection.HearingReport, objection.HearingRecordedById) = (held, report, StaffActor.From(User).UserId);
        Journal(id, "hearing_held");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Objection", new { id });
    }

    private void Journal(Guid caseId, string kind) => db.CaseEvents.Add(CaseEvent.Of(caseId, clock.GetUtcNow(), StaffActor.From(User).Name, kind));

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(StaffRoles.SmzDecisionMaker))
        {
            return Forbid();
        }

        var latest = await db.Objections.AsNoTracking().LatestOf(id).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return NotFound();
        }

        Latest = latest;
        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        Open = await db.WorkflowInstances.Where(i => i.Id == id).Select(i => i.State).SingleAsync(cancellationToken) == CaseVocabulary.States.Objection;
        Hearing = await booking.HeldAsync(id, Herstelmeldpunt.Web.Cases.Bookings.ConversationPurpose.Hearing, cancellationToken);
        return null;
    }
}
