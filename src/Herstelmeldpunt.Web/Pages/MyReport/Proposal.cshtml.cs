using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Views;
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
/// The proposed decision on Mijn melding (process v5 on; Awb 4:7–4:8): what the committee advised, in its words for the
/// person, and what the directorate proposes (with any deviation and why); the last day to respond; and the three
/// answers — agree, write a view of one to three points with documents, or ask to be called (only with a phone
/// number). Never staff names or internal notes. Each answer is a step of the workflow with the person as actor.
/// </summary>
[RequestSizeLimit(IndexModel.UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = IndexModel.UploadLimit)]
public sealed class ProposalModel(AppDbContext db, CaseWorkflow workflow, DocumentStore documents, DocumentOptions documentOptions, UploadGate uploads) : PageModel
{
    public const int PointMaxLength = WorkflowEngine.LongTextMax;

    public string ReferenceNumber { get; private set; } = string.Empty;

    public Advice? Advice { get; private set; }

    public DecisionProposal? Proposal { get; private set; }

    /// <summary>The latest round of hearing; null when the case has none (an older process version, or not yet proposed).</summary>
    public DecisionView? Round { get; private set; }

    /// <summary>The proposal waits for the person's response: the answers are offered.</summary>
    public bool CanRespond { get; private set; }

    /// <summary>The decision is final: the directorate's answers to the points are shown (before that they may still change).</summary>
    public bool AnswersShown { get; private set; }

    /// <summary>"Call me" is offered: someone can be called about the report.</summary>
    public bool CanAskForCall { get; private set; }

    public bool UploadsPossible => documentOptions.UploadsPossible;

    public DocumentOptions DocumentLimits => documentOptions;

    [BindProperty]
    public string? Point1 { get; set; }

    [BindProperty]
    public string? Point2 { get; set; }

    [BindProperty]
    public string? Point3 { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Redirect("/mijn-melding");

    public Task<IActionResult> OnPostAgreeAsync(CancellationToken cancellationToken) =>
        RespondAsync(CaseVocabulary.Transitions.AgreeWithProposal, new Dictionary<string, string?>(), "akkoord", cancellationToken);

    public Task<IActionResult> OnPostCallAsync(CancellationToken cancellationToken) =>
        RespondAsync(CaseVocabulary.Transitions.RequestViewCall, new Dictionary<string, string?>(), "bellen", cancellationToken);

    public async Task<IActionResult> OnPostViewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/mijn-melding");
        }

        var points = new[] { Point1, Point2, Point3 }.Select(p => p?.Trim()).ToList();
        var errors = new List<FieldError>();
        if (points.All(string.IsNullOrEmpty))
        {
            errors.Add(new FieldError(nameof(Point1), "Proposal.Error.PointMissing"));
        }

        errors.AddRange(points.Select((p, i) => (p, i)).Where(x => x.p?.Length > PointMaxLength).Select(x => new FieldError($"Point{x.i + 1}", "Proposal.Error.PointTooLong")));
        var party = ReporterAccess.PartyOf(User);
        var (fileError, status) = await documents.TakeFromPersonAsync(HttpContext, uploads, Files, ReporterAccess.ReportIdOf(User)!.Value, party, store: errors.Count == 0 && CanRespond, cancellationToken);
        if (fileError is not null)
        {
            Response.StatusCode = status;
            errors.Add(new FieldError("ViewFiles", fileError));
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        // The points in the order given, without gaps: the first point given is point 1.
        var given = points.Where(p => !string.IsNullOrEmpty(p)).ToList();
        var data = CaseVocabulary.Fields.ViewPoints.Select((field, i) => (field, value: i < given.Count ? given[i] : null)).ToDictionary(x => x.field, x => x.value);
        return await RespondAsync(CaseVocabulary.Transitions.SubmitView, data, "zienswijze", cancellationToken, loaded: true);
    }

    private async Task<IActionResult> RespondAsync(string transition, Dictionary<string, string?> data, string notice, CancellationToken cancellationToken, bool loaded = false)
    {
        if (!loaded && !await LoadAsync(cancellationToken))
        {
            return Redirect("/mijn-melding");
        }

        var id = ReporterAccess.ReportIdOf(User)!.Value;
        var version = await db.WorkflowInstances.Where(i => i.Id == id).Select(i => i.Version).SingleAsync(cancellationToken);
        var outcome = CanRespond
            ? await workflow.ApplyAsync(id, transition, ReporterAccess.ActorOf(User), new TransitionInput(version, data, null), cancellationToken)
            : null;
        if (outcome is not { Applied: true })
        {
            documents.DiscardPending();
            Errors = [new FieldError("respond", outcome?.Refused?.Reason switch
            {
                null => "Proposal.Error.Closed",
                RefusalReason.Stale => "MyReport.Error.Changed",
                _ => outcome.Refused.Problems.Count > 0 ? outcome.Refused.Problems[0].MessageKey : outcome.Refused.MessageKey,
            })];
            await LoadAsync(cancellationToken);
            return Page();
        }

        // Asking to talk leads on to choosing a time for it.
        return Redirect(transition == CaseVocabulary.Transitions.RequestViewCall ? "/mijn-melding/afspraak?melding=bellen" : "/mijn-melding?melding=" + notice);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id
            || await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } instance)
        {
            return false;
        }

        Round = await db.DecisionViews.AsNoTracking().Include(v => v.Points.OrderBy(p => p.Number))
            .LatestOf(id).FirstOrDefaultAsync(cancellationToken);
        if (Round is null)
        {
            return false;
        }

        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        Advice = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        Proposal = await DecisionProposal.LatestAsync(db, id, cancellationToken);
        var options = await workflow.OptionsAsync(instance, ReporterAccess.ActorOf(User), cancellationToken);
        bool May(string transition) => options.Any(o => o.Transition.Name == transition && !o.Blocked);
        CanRespond = Round.Response is null && May(CaseVocabulary.Transitions.SubmitView);
        CanAskForCall = CanRespond && May(CaseVocabulary.Transitions.RequestViewCall);
        AnswersShown = CaseVocabulary.States.DecisionFinalOrAfter.Contains(instance.State);
        return true;
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;
}
