using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Process;
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
public sealed class IndexModel(AppDbContext db, CaseWorkflow workflow, ReporterOverview overview, DocumentStore documents, DocumentOptions documentOptions, UploadGate uploads, TimeProvider clock) : PageModel
{
    /// <summary>Ten files of ten megabytes and the form around them; the settings below decide per file.</summary>
    public const long UploadLimit = 105 * 1024 * 1024;

    public const int AnswerMaxLength = Reports.FieldLimits.LongText;

    /// <summary>Everything the page shows (<see cref="ReporterOverview"/>).</summary>
    public ReporterOverview.View View { get; private set; } = null!;

    public Report Report => View.Report;

    public WorkflowInstance Instance => View.Instance;

    public bool IsRepresentative => View.IsRepresentative;

    /// <summary>Every date the page tells the person (<see cref="ReporterDates"/>).</summary>
    public ReporterDates When => View.When;

    /// <summary>The open question, when the report waits for the person's answer.</summary>
    public string? OpenQuestion => View.OpenQuestion;

    /// <summary>The person may answer here (the case's process version lets the reporter answer).</summary>
    public bool CanAnswer => View.CanAnswer;

    public bool CanWithdraw => View.CanWithdraw;

    public IReadOnlyList<Exchange> Conversation => View.Conversation;

    public IReadOnlyList<ReporterMessages.Sent> Messages => View.Messages;

    /// <summary>What we promised, newest first (the promise ledger).</summary>
    public IReadOnlyList<Cases.Promises.Promise> Promises => View.Promises ?? [];

    public Advice? Decision => View.Decision;

    /// <summary>What the directorate decided instead of the advice, when it deviated (then shown instead of the advice).</summary>
    public string? DecidedInstead => View.DecidedInstead;

    /// <summary>What staff wrote for the person when the report is outside the target group: the explanation and where to go instead.</summary>
    public (string? Explanation, string? Referral)? OutsideTargetGroup => View.OutsideTargetGroup;

    /// <summary>The satisfaction questions can be answered here (the calls did not reach the person).</summary>
    public bool CanAnswerSurvey => View.CanAnswerSurvey;

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

    public IReadOnlyList<CaseDocument> Documents => View.Documents;

    /// <summary>The letters written to the person (also those only kept here, for people who read email).</summary>
    public IReadOnlyList<Web.Letters.LetterSummary> Letters => View.Letters;

    /// <summary>Documents can be sent: the scanner is configured and the report was not withdrawn (nobody would read them).</summary>
    public bool UploadsPossible => documentOptions.UploadsPossible && Instance?.State != CaseVocabulary.States.Withdrawn;

    public DocumentOptions DocumentLimits => documentOptions;

    public string? NoticeKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? melding, CancellationToken cancellationToken)
    {
        NoticeKey = melding switch { "beantwoord" => "MyReport.Answered", "ingetrokken" => "MyReport.Withdrawn", "documenten" => "MyReport.DocumentsReceived", "contact" => "MyReport.ContactSaved", "bevestig-email" => "MyReport.EmailConfirmSent", "tevredenheid" => "MyReport.SurveyThanks", "akkoord" => "MyReport.ViewAgreed", "zienswijze" => "MyReport.ViewReceived", "bellen" => "MyReport.ViewCallRequested", _ => null };
        return await LoadAsync(cancellationToken) ? Page() : await SignOutAsync();
    }

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await SignOutAsync();
        }

        using var admitted = AdmitFiles();
        var (files, readError) = (admitted.Files, admitted.ErrorKey);
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

    /// <summary>The posted files within the limits and admitted by the upload gate (its place held until disposed); a refusal's status on the response.</summary>
    private AdmittedFiles AdmitFiles()
    {
        var admitted = documents.Admit(HttpContext, uploads, Files);
        Response.StatusCode = admitted.StatusCode;
        return admitted;
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await SignOutAsync();
        }

        using var admitted = AdmitFiles();
        var (files, readError) = (admitted.Files, admitted.ErrorKey);
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
        if (await overview.ReadAsync(User, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        return true;
    }

    private string Party => View.Party;
}
