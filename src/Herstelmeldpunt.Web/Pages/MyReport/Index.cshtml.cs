using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// Mijn melding: where the report is, what happens next and who does it, when the person can expect
/// to hear, the questions asked and answered, the messages sent, and the decision once final. Never the
/// BSN, health details, internal notes or draft advice. The session is scoped to one report.
/// </summary>
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class IndexModel(AppDbContext db, CaseWorkflow workflow, ProgressEstimator estimator, WorkingDayCalendar calendar, DocumentStore documents, DocumentOptions documentOptions, UploadGate uploads, TimeProvider clock) : PageModel
{
    /// <summary>Ten files of ten megabytes and the form around them; the settings below decide per file.</summary>
    public const long UploadLimit = 105 * 1024 * 1024;

    public const int AnswerMaxLength = Reports.FieldLimits.LongText;

    public Report Report { get; private set; } = null!;

    public WorkflowInstance Instance { get; private set; } = null!;

    public bool IsRepresentative { get; private set; }

    /// <summary>Every date the page tells the person (<see cref="ReporterDates"/>).</summary>
    public ReporterDates When { get; private set; } = ReporterDates.None;

    /// <summary>The open question, when the report waits for the person's answer.</summary>
    public string? OpenQuestion { get; private set; }

    /// <summary>The person may answer here (the case's process version lets the reporter answer).</summary>
    public bool CanAnswer { get; private set; }

    public bool CanWithdraw { get; private set; }

    public IReadOnlyList<Exchange> Conversation { get; private set; } = [];

    public IReadOnlyList<ReporterMessages.Sent> Messages { get; private set; } = [];

    public Advice? Decision { get; private set; }

    /// <summary>What the directorate decided instead of the advice, when it deviated (then shown instead of the advice).</summary>
    public string? DecidedInstead { get; private set; }

    /// <summary>What staff wrote for the person when the report is outside the target group: the explanation and where to go instead.</summary>
    public (string? Explanation, string? Referral)? OutsideTargetGroup { get; private set; }

    /// <summary>The satisfaction questions can be answered here (the calls did not reach the person).</summary>
    public bool CanAnswerSurvey { get; private set; }

    [BindProperty]
    public SurveyAnswers Survey { get; set; } = new();

    public IReadOnlyList<FieldError> SurveyErrors { get; private set; } = [];

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public string? AnswerError { get; private set; }

    /// <summary>The error of the separate "send documents" form.</summary>
    public string? UploadError { get; private set; }

    /// <summary>Why the documents sent with an answer were refused (a text key, or a text naming the file).</summary>
    public string? AnswerFilesError { get; private set; }

    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];

    /// <summary>The letters written to the person (also those only kept here, for people who read email).</summary>
    public IReadOnlyList<Web.Letters.LetterSummary> Letters { get; private set; } = [];

    /// <summary>Documents can be sent: the scanner is configured and the report was not withdrawn (nobody would read them).</summary>
    public bool UploadsPossible => documentOptions.UploadsPossible && Instance?.State != CaseVocabulary.States.Withdrawn;

    public DocumentOptions DocumentLimits => documentOptions;

    public string? NoticeKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? melding, CancellationToken cancellationToken)
    {
        NoticeKey = melding switch { "beantwoord" => "MyReport.Answered", "ingetrokken" => "MyReport.Withdrawn", "documenten" => "MyReport.DocumentsReceived", "contact" => "MyReport.ContactSaved", "tevredenheid" => "MyReport.SurveyThanks", _ => null };
        return await LoadAsync(cancellationToken) ? Page() : await SignOutAsync();
    }

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await SignOutAsync();
        }

        var (files, readError) = TakeFiles(out var upload);
        using var lease = upload;
        var answer = Answer?.Trim();
        if (string.IsNullOrEmpty(answer) && files.Count > 0)
        {
            answer = "(" + string.Join(", ", files.Select(f => Path.GetFileName(f.FileName))) + ")";
        }

        AnswerFilesError = CanAnswer ? readError : null;
        AnswerError = !CanAnswer ? "MyReport.Error.NoOpenQuestion"
            : readError is not null ? null
            : string.IsNullOrEmpty(answer) ? "MyReport.Error.AnswerMissing"
            : answer.Length > AnswerMaxLength ? "MyReport.Error.AnswerTooLong" : null;
        if (AnswerError is null && AnswerFilesError is null)
        {
            AnswerFilesError = await documents.AddAsync(Report.Id, files, Party, null, cancellationToken);
        }

        if (AnswerError is not null || AnswerFilesError is not null)
        {
            return Page();
        }

        var outcome = await workflow.ApplyAsync(Report.Id, CaseVocabulary.Transitions.InformationReceived, ReporterAccess.ActorOf(User),
            new TransitionInput(Instance.Version, new Dictionary<string, string?> { ["answer"] = answer }, null), cancellationToken);
        if (!outcome.Applied)
        {
            documents.DiscardPending();
            AnswerError = outcome.Refused?.Reason == RefusalReason.Stale ? "MyReport.Error.Changed" : "MyReport.Error.NoOpenQuestion";
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage(new { melding = "beantwoord" });
    }

    /// <summary>The posted files within the limits, and a place at the upload gate for them (released when the lease is disposed); or why not.</summary>
    private (IReadOnlyList<IncomingFile> Files, string? ErrorKey) TakeFiles(out IDisposable? lease)
    {
        lease = null;
        var (files, error) = documents.Take(Files);
        if (error is not null || files.Count == 0)
        {
            return (files, error);
        }

        var entry = uploads.TryEnter(HttpContext, files.Sum(f => f.Length));
        lease = entry.Lease;
        Response.StatusCode = UploadGate.StatusCode(entry.Refused);
        return entry.Refused is { } over ? ([], UploadGate.MessageKey(over)) : (files, null);
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await SignOutAsync();
        }

        var (files, readError) = TakeFiles(out var upload);
        using var lease = upload;
        UploadError = Instance.State == CaseVocabulary.States.Withdrawn ? "Documents.Error.Withdrawn"
            : readError ?? (files.Count == 0 ? "Documents.Error.NoneChosen" : await documents.AddAsync(Report.Id, files, Party, null, cancellationToken));
        if (UploadError is not null)
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { melding = "documenten" });
    }

    public async Task<IActionResult> OnPostSurveyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await SignOutAsync();
        }

        SurveyErrors = Survey.Validate(CanAnswerSurvey);
        if (SurveyErrors.Count > 0)
        {
            return Page();
        }

        var outcome = await workflow.ApplyAsync(Report.Id, Survey.Transition(), ReporterAccess.ActorOf(User), new TransitionInput(Instance.Version, Survey.Data(), null), cancellationToken);
        if (!outcome.Applied)
        {
            SurveyErrors = [new FieldError("Survey_Satisfaction", "MyReport.Error.Changed")];
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage(new { melding = "tevredenheid" });
    }

    public Task<IActionResult> OnPostSignOutAsync() => SignOutAsync();

    private async Task<IActionResult> SignOutAsync()
    {
        await ReporterSignIns.EndAsync(db, clock, User, HttpContext.RequestAborted); // a copied cookie ends with it
        await HttpContext.SignOutAsync(ReporterAccess.Scheme);
        return Redirect("/");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id
            || await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } report
            || await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } instance)
        {
            return false;
        }

        Report = report;
        Instance = instance;
        IsRepresentative = User.FindFirst(ReporterAccess.RepresentativeClaim)?.Value == "true";
        // The workflow says what the person may do now: their role, the state and the guards.
        var options = await workflow.OptionsAsync(instance, ReporterAccess.ActorOf(User), cancellationToken);
        bool ReporterMay(string transition) => options.Any(o => o.Transition.Name == transition && !o.Blocked);
        CanAnswer = instance.State == CaseVocabulary.States.AwaitingInformation && ReporterMay(CaseVocabulary.Transitions.InformationReceived);
        CanWithdraw = ReporterMay(CaseVocabulary.Transitions.Withdraw);
        CanAnswerSurvey = ReporterMay(CaseVocabulary.Transitions.SurveySatisfied);

        var conversation = await ReporterConversation.ReadAsync(db, instance, cancellationToken);
        Conversation = conversation.Exchanges;
        OpenQuestion = conversation.OpenQuestion;
        OutsideTargetGroup = conversation.OutsideTargetGroup;
        Messages = await ReporterMessages.SentForAsync(db, id, cancellationToken);
        Decision = CaseVocabulary.States.DecisionFinalOrAfter.Contains(instance.State)
            ? await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            : null;
        if (Decision is not null)
        {
            // When the directorate did not follow the advice, the decision is what it decided instead.
            DecidedInstead = (await DecisionProposal.LatestAsync(db, id, cancellationToken)) is { AdoptsAdvice: false } proposal ? proposal.DecidedInstead : null;
        }

        Documents = await documents.ListAsync(id, cancellationToken);
        Letters = await Web.Letters.LetterList.ForCaseAsync(db, id, cancellationToken);
        When = await ReporterDates.ForAsync(db, estimator, calendar, instance, report.Urgency, Decision is not null, cancellationToken);
        return true;
    }

    private string Party => IsRepresentative ? "Representative" : "Reporter";
}
