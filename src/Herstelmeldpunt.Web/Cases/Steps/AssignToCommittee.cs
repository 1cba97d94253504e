using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// On entering the committee: the member staff chose (who must be an active member), else the one already assigned
/// when still active, else the documented rule — the active member with the fewest open committee cases.
/// </summary>
public sealed class AssignToCommittee : ICaseAction, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Actions.AssignToCommittee;

    public async Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workload = await context.Workflow.CommitteeWorkloadAsync(cancellationToken);
        var chosen = context.Applied.Data.GetValueOrDefault(CaseVocabulary.Fields.Assignee);
        if (chosen is not null)
        {
            if (!workload.Any(m => m.UserId == chosen))
            {
                return CaseTransitionOutcome.Refuse(RefusalReason.InvalidInput, "Workflow.Refused.Input", new FieldProblem(CaseVocabulary.Fields.Assignee, "Workflow.Field.Invalid.Member"));
            }

            context.Instance.AssigneeId = chosen;
        }
        else if (context.Instance.AssigneeId is null || !workload.Any(m => m.UserId == context.Instance.AssigneeId))
        {
            if (workload.Count == 0)
            {
                return CaseTransitionOutcome.Refuse(RefusalReason.GuardFailed, "Guard.NoCommitteeMember");
            }

            context.Instance.AssigneeId = workload[0].UserId;
        }

        return null;
    }

    public Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken) => Task.FromResult(true); // no definition times it: marking the row fired is enough
}
