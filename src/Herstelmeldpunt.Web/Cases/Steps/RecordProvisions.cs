using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// The step "provisions carried out" taken from outside the staff pages: by the system that carried them out (the
/// partner API's single and batch endpoints alike). The caller acts in the intake role for this one step only; the
/// journal names the caller and keeps the note (what was done and when). Scoped.
/// </summary>
public sealed class RecordProvisions(CaseWorkflow workflow)
{
    public const string Transition = CaseVocabulary.Transitions.ProvisionsCarriedOut;

    public Task<CaseTransitionOutcome> RecordAsync(Guid caseId, int expectedVersion, string note, string callerName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        var actor = new Actor(null, callerName, new HashSet<string> { Staff.StaffRoles.IntakeStaff });
        return workflow.ApplyAsync(caseId, Transition, actor, new TransitionInput(expectedVersion, new Dictionary<string, string?>(), note.Trim()), cancellationToken);
    }
}
