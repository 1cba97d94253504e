using System.Globalization;
using Herstelmeldpunt.Web.Cases.Objections;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// "I do not agree" (process v6 on; Awb 6:4–6:11, 7:2): after the decision the person objects online — the grounds,
/// documents (scanned), who helps them (a representative or lawyer, with contact details) — until six weeks after the
/// decision; later still, the objection is registered and marked for a decision on lateness, never refused. Then the
/// hearing: book it (<see cref="AppointmentModel"/>) or waive it; its report, once written, is shown here. Where to
/// get free legal help is a setting (<see cref="ObjectionOptions"/>). The step is the workflow's
/// <c>register_objection</c> with the person as actor.
/// </summary>
[RequestSizeLimit(IndexModel.UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = IndexModel.UploadLimit)]
public sealed class ObjectionModel(AppDbContext db, CaseWorkflow workflow, DocumentStore documents, DocumentOptions documentOptions, UploadGate uploads, Cases.Bookings.SlotBooking booking, TimeProvider clock) : PageModel
{
    public const int TextMaxLength = WorkflowEngine.LongTextMax;

    public const int ShortMaxLength = 200;

    public string ReferenceNumber { get; private set; } = string.Empty;

    /// <summary>The last day to object on time; null before there is a decision.</summary>
    public DateOnly? LastDay { get; private set; }

    /// <summary>The person may object now (the decision is there and the process version lets them).</summary>
    public bool CanObject { get; private set; }

    public bool IsLate => LastDay is { } last && AmsterdamTime.Today(clock) > last;

    /// <summary>The latest objection, if any.</summary>
    public Objection? Latest { get; private set; }

    /// <summary>The hearing booked for the latest objection, if any.</summary>
    public Cases.Bookings.ConversationSlot? Hearing { get; private set; }

    public bool UploadsPossible => documentOptions.UploadsPossible;

    public DocumentOptions DocumentLimits => documentOptions;

    [BindProperty]
    public string? Grounds { get; set; }

    [BindProperty]
    public string? RepresentativeName { get; set; }

    [BindProperty]
    public string? RepresentativeContact { get; set; }

    [BindProperty]
    public bool RepresentativeIsLawyer { get; set; }

    [BindProperty]
    public string? LateReason { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? NoticeKey { get; private set; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    /// <summary>The case's state, as loaded.</summary>
    private string state = string.Empty;

    public async Task<IActionResult> OnGetAsync(string? melding, CancellationToken cancellationToken)
    {
        NoticeKey = melding switch { "ontvangen" => "Objection.Notice.Received", "geenhoorzitting" => "Objection.Notice.Waived", _ => null };
        return await LoadAsync(cancellationToken) ? Page() : Redirect("/mijn-melding");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/mijn-melding");
        }

        var errors = new List<FieldError>();
        var grounds = Grounds?.Trim();
        if (string.IsNullOrEmpty(grounds))
        {
            errors.Add(new FieldError(nameof(Grounds), "Objection.Error.GroundsMissing"));
        }

        errors.AddRange(new (string Field, string? Value, int Max)[]
            {
                (nameof(Grounds), grounds, TextMaxLength), (nameof(LateReason), LateReason?.Trim(), TextMaxLength),
                (nameof(RepresentativeName), RepresentativeName?.Trim(), ShortMaxLength), (nameof(RepresentativeContact), RepresentativeContact?.Trim(), ShortMaxLength),
            }
            .Where(f => f.Value?.Length > f.Max).Select(f => new FieldError(f.Field, "Objection.Error.TooLong")));
        if (!string.IsNullOrWhiteSpace(RepresentativeName) && string.IsNullOrWhiteSpace(RepresentativeContact))
        {
            errors.Add(new FieldError(nameof(RepresentativeContact), "Objection.Error.ContactMissing"));
        }

        var id = ReporterAccess.ReportIdOf(User)!.Value;
        var party = ReporterAccess.PartyOf(User);
        var (fileError, status) = await documents.TakeFromPersonAsync(HttpContext, uploads, Files, id, party, store: errors.Count == 0 && CanObject, cancellationToken);
        if (fileError is not null)
        {
            Response.StatusCode = status;
            errors.Add(new FieldError(nameof(Files), fileError));
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var version = await db.WorkflowInstances.Where(i => i.Id == id).Select(i => i.Version).SingleAsync(cancellationToken);
        var data = new Dictionary<string, string?>
        {
            [CaseVocabulary.Fields.ObjectionDate] = AmsterdamTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [CaseVocabulary.Fields.Grounds] = grounds,
            [CaseVocabulary.Fields.LateReason] = IsLate ? LateReason?.Trim() : null,
            [CaseVocabulary.Fields.RepresentativeName] = RepresentativeName?.Trim(),
            [CaseVocabulary.Fields.RepresentativeContact] = RepresentativeContact?.Trim(),
            [CaseVocabulary.Fields.RepresentativeIsLawyer] = RepresentativeIsLawyer ? "yes" : "no",
        };
        var outcome = CanObject
            ? await workflow.ApplyAsync(id, CaseVocabulary.Transitions.RegisterObjection, ReporterAccess.ActorOf(User), new TransitionInput(version, data, null), cancellationToken)
            : null;
        if (outcome is not { Applied: true })
        {
            documents.DiscardPending();
            Errors = [new FieldError(nameof(Grounds), outcome?.Refused?.Reason == RefusalReason.Stale ? "MyReport.Error.Changed" : "Objection.Error.Closed")];
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect("/mijn-melding/bezwaar?melding=ontvangen");
    }

    /// <summary>The person does not want to be heard on the objection: recorded, a booked hearing cancelled.</summary>
    public async Task<IActionResult> OnPostWaiveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/mijn-melding");
        }

        if (Latest is { HearingOpen: true } objection && state == CaseVocabulary.States.Objection)
        {
            var actor = ReporterAccess.ActorOf(User).Name;
            if (Hearing is not null)
            {
                await booking.CancelAsync(objection.CaseId, Cases.Bookings.ConversationPurpose.Hearing, actor, cancellationToken);
            }

            var tracked = await db.Objections.SingleAsync(o => o.Id == objection.Id, cancellationToken);
            var now = clock.GetUtcNow();
            tracked.HearingWaivedAt = now.UtcDateTime;
            db.CaseEvents.Add(CaseEvent.Of(objection.CaseId, now, actor, "hearing_waived"));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect("/mijn-melding/bezwaar?melding=geenhoorzitting");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id
            || await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } instance)
        {
            return false;
        }

        state = instance.State;
        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        var decidedOn = await db.Set<CaseDeadline>().Where(d => d.CaseId == id).Select(d => d.DecidedOn).FirstOrDefaultAsync(cancellationToken);
        LastDay = decidedOn is { } decided ? ObjectionTerm.LastDay(decided) : null;
        var options = await workflow.OptionsAsync(instance, ReporterAccess.ActorOf(User), cancellationToken);
        CanObject = decidedOn is not null && options.Any(o => o.Transition.Name == CaseVocabulary.Transitions.RegisterObjection && !o.Blocked);
        Latest = await db.Objections.AsNoTracking().LatestOf(id).FirstOrDefaultAsync(cancellationToken);
        Hearing = Latest is null ? null : await booking.HeldAsync(id, Cases.Bookings.ConversationPurpose.Hearing, cancellationToken);
        return true;
    }
}
