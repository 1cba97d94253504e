using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.TargetGroup;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// The case: where it is in the process (with the diagram), what this person may do now, the
/// timeline, the advice, the report itself, its match in the target-group register (by BSN) and the
/// other reports for the same BSN.
/// </summary>
[RequestSizeLimit(MyReport.IndexModel.UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = MyReport.IndexModel.UploadLimit)]
public sealed class DetailsModel(AppDbContext db, CaseWorkflow workflow, WorkflowEngine engine, Documents.DocumentStore documents, Documents.DocumentOptions documentOptions, TimeProvider clock) : PageModel
{

    public Report Report { get; private set; } = null!;

    public TargetGroupMember? RegisterMatch { get; private set; }

    public SamePersonReports.Other? FirstReport { get; private set; }

    public IReadOnlyList<SamePersonReports.Other> OtherReports { get; private set; } = [];

    /// <summary>How many other reports the person has in all (more than <see cref="OtherReports"/> shows when above <see cref="SamePersonReports.Shown"/>).</summary>
    public int OtherReportsCount { get; private set; }

    public string? CreatedByName { get; private set; }

    public bool JustCreated { get; private set; }

    public WorkflowInstance Instance { get; private set; } = null!;

    public WorkflowDefinition Definition { get; private set; } = null!;

    public string? AssigneeName { get; private set; }

    public IReadOnlyList<TransitionOption> Options { get; private set; } = [];

    public IReadOnlyList<TimelineStep> Timeline { get; private set; } = [];

    public Advice? Advice { get; private set; }

    public bool CanEditAdvice { get; private set; }

    public string Diagram { get; private set; } = string.Empty;

    public string? NoticeKey { get; private set; }

    /// <summary>Mail about this case that the server refused, or that is still being retried.</summary>
    public IReadOnlyList<Email.OutboxMessage> MailProblems { get; private set; } = [];

    public IReadOnlyList<Documents.CaseDocument> Documents { get; private set; } = [];

    public IReadOnlyList<Web.Letters.LetterSummary> Letters { get; private set; } = [];

    public CaseDeadline? Deadline { get; private set; }

    public IReadOnlyList<CaseNote> Notes { get; private set; } = [];

    public RegisterStatus Register { get; private set; }

    [BindProperty]
    public string? IdentityDecision { get; set; }

    [BindProperty]
    public string? IdentityNote { get; set; }

    public string? IdentityError { get; private set; }

    /// <summary>Intake resolves a name that differs from the register: the same person, or not.</summary>
    public async Task<IActionResult> OnPostIdentityAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(StaffRoles.IntakeStaff))
        {
            return Forbid();
        }

        if (!await db.Reports.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return NotFound();
        }

        IdentityError = IdentityMatch.ResolutionError(IdentityDecision, IdentityNote);
        if (IdentityError is not null)
        {
            return await OnGetAsync(id, null, cancellationToken);
        }

        db.CaseEvents.Add(IdentityMatch.Resolution(id, StaffActor.From(User).Name, IdentityDecision!, IdentityNote!, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", new { id, melding = "identiteit" });
    }

    public string? NoteError { get; private set; }

    [BindProperty]
    public string? NoteText { get; set; }

    public bool MayCorrect(CaseNote note) => note.MayBeCorrectedBy(StaffActor.From(User).UserId, clock.GetUtcNow());

    /// <summary>A free note on the case (never shown to the reporter).</summary>
    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Reports.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return NotFound();
        }

        if (CaseNote.Check(NoteText) is { } error)
        {
            var page = await OnGetAsync(id, null, cancellationToken);
            NoteError = error;
            return page;
        }

        var actor = StaffActor.From(User);
        var now = clock.GetUtcNow();
        db.Set<CaseNote>().Add(new CaseNote { Id = Guid.CreateVersion7(now), CaseId = id, AuthorId = actor.UserId!, AuthorName = actor.Name, At = now.UtcDateTime, Text = NoteText!.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", null, new { id, melding = "notitie" }, "notes");
    }

    /// <summary>The pages beside the steps this member of staff is linked to, and the flag of an upheld complaint.</summary>
    public CaseSidePages SidePages { get; private set; } = null!;

    public bool CanExtendTerm => Deadline is { ExtendedWorkingDays: 0, DecidedOn: null } && TermModel.Roles.Any(User.IsInRole);

    /// <summary>Changes the reporter made on Mijn melding (what, not the values).</summary>
    public IReadOnlyList<Reporters.CaseEvent> ReporterChanges { get; private set; } = [];

    public string? UploadError { get; private set; }

    public bool UploadsPossible => documentOptions.UploadsPossible;

    public Documents.DocumentOptions DocumentLimits => documentOptions;

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>Staff add documents (a letter that came by post, a scan): checked and scanned like the reporter's.</summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Reports.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var (files, readError) = documents.Take(Files);
        var error = readError ?? (files.Count == 0 ? "Documents.Error.NoneChosen" : await documents.AddAsync(id, files, "Staff", StaffActor.From(User).Name, cancellationToken));
        if (error is not null)
        {
            var page = await OnGetAsync(id, null, cancellationToken);
            UploadError = error;
            return page;
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", new { id, melding = "documenten" });
    }

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        JustCreated = melding == "nieuw";
        NoticeKey = CaseNotice.For(melding);
        Documents = await documents.ListAsync(id, cancellationToken);
        Letters = await Web.Letters.LetterList.ForCaseAsync(db, id, cancellationToken);
        Deadline = await db.Set<CaseDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == id, cancellationToken);
        Register = await IdentityMatch.StatusAsync(db, id, cancellationToken);
        Notes = await db.Set<CaseNote>().AsNoTracking().Where(n => n.CaseId == id).OrderBy(n => n.At).ToListAsync(cancellationToken);
        ReporterChanges = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).ToListAsync(cancellationToken);
        var language = Cultures.CurrentLanguage;
        Instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        Definition = engine.DefinitionOf(Instance);
        var actor = StaffActor.From(User);
        Options = await workflow.OptionsAsync(Instance, actor, cancellationToken);
        Advice = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        CanEditAdvice = CaseAccess.MayWorkOnAdvice(actor, Instance);
        SidePages = await CaseSidePages.ReadAsync(db, User, id, cancellationToken);
        if (Instance.AssigneeId is not null)
        {
            AssigneeName = await db.Users.Where(u => u.Id == Instance.AssigneeId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        MailProblems = await Email.EmailOutbox.ProblemsOfCaseAsync(db, id, cancellationToken);
        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        Timeline = journal.Select(j => TimelineStep.Of(j, engine.Catalog.Get(j.DefinitionId, j.DefinitionVersion), language)).ToList();
        Diagram = ProcessDiagram.Svg(Definition, language, Instance.State, Definition.State(Instance.State).Label.In(language));
        RegisterMatch = await db.TargetGroupMembers.AsNoTracking().FirstOrDefaultAsync(m => m.BsnHash == report.BsnHash, cancellationToken);
        var samePerson = await SamePersonReports.ForAsync(db, report, cancellationToken);
        (OtherReports, OtherReportsCount, FirstReport) = (samePerson.Listed, samePerson.Count, samePerson.First);
        if (report.CreatedByUserId is not null)
        {
            CreatedByName = await db.Users.Where(u => u.Id == report.CreatedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CaseViewed, id);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}
