using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// The person's view beside the proposal (process v5 on): the directorate answers each point before it may make the
/// decision final (Awb 3:46; guard <c>view_answered</c>). Answers can be corrected until the decision is final.
/// </summary>
public sealed class ViewPointsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    public DecisionProposal? Proposal { get; private set; }

    public DecisionView Round { get; private set; } = null!;

    /// <summary>The answers can still be written (the case waits for the final decision).</summary>
    public bool CanAnswer { get; private set; }

    /// <summary>Answers by point number.</summary>
    [BindProperty]
    public Dictionary<int, string?> Answers { get; set; } = [];

    public IReadOnlyList<Forms.FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } early)
        {
            return early;
        }

        Answers = Round.Points.ToDictionary(p => p.Number, p => p.Answer);
        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CaseViewed, id, "zienswijze");
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken, tracked: true) is { } early)
        {
            return early;
        }

        if (!CanAnswer)
        {
            Errors = [new Forms.FieldError("answers", "ViewPoints.Error.Closed")];
            return Page();
        }

        var errors = new List<Forms.FieldError>();
        foreach (var point in Round.Points)
        {
            var answer = Answers.GetValueOrDefault(point.Number)?.Trim();
            if (answer?.Length > WorkflowEngine.LongTextMax)
            {
                errors.Add(new Forms.FieldError($"Answers_{point.Number}", "ViewPoints.Error.TooLong"));
                continue;
            }

            if (answer != point.Answer && !(string.IsNullOrEmpty(answer) && point.Answer is null))
            {
                point.Answer = string.IsNullOrEmpty(answer) ? null : answer;
                point.AnsweredById = StaffActor.From(User).UserId;
                point.AnsweredAt = clock.GetUtcNow().UtcDateTime;
            }
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        Audit.AuditLog.Record(db, clock, User, "case.view-answered", ReferenceNumber, $"{Round.Points.Count(p => p.Answer is not null)} of {Round.Points.Count} points");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", new { id, melding = "zienswijze" });
    }

    /// <summary>Whether the person wrote a view on any proposal of the case (the case page then links here).</summary>
    public static Task<bool> AnyAsync(AppDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        db.DecisionViews.AnyAsync(v => v.CaseId == caseId && v.Points.Any(), cancellationToken);

    public string? ErrorFor(int number) => Errors.FirstOrDefault(e => e.Field == $"Answers_{number}")?.MessageKey;

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!User.IsInRole(StaffRoles.SmzDecisionMaker))
        {
            return Forbid();
        }

        var rounds = tracked ? db.DecisionViews : db.DecisionViews.AsNoTracking();
        var round = await rounds.Include(v => v.Points.OrderBy(p => p.Number)).Where(v => v.CaseId == id && v.Points.Any())
            .OrderByDescending(v => v.ProposalSequence).FirstOrDefaultAsync(cancellationToken);
        var state = await db.WorkflowInstances.Where(i => i.Id == id).Select(i => i.State).FirstOrDefaultAsync(cancellationToken);
        if (round is null || state is null)
        {
            return NotFound();
        }

        Round = round;
        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        Proposal = await DecisionProposal.LatestAsync(db, id, cancellationToken);
        // Only a written view reaches "view received", on the latest round: the round found is then the one to answer.
        CanAnswer = state == CaseVocabulary.States.ViewReceived;
        return null;
    }
}
