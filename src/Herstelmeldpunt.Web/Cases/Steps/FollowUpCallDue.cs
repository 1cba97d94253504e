using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// A follow-up call is due: the case moves to "call now", on the customer-contact worklist. When nobody can be called
/// (<see cref="ContactRule"/>) the questions go by email or letter at once, instead of waiting there for someone to
/// click "no phone number". Timers only. Scoped.
/// </summary>
public sealed partial class FollowUpCallDue(AppDbContext db, ILogger<FollowUpCallDue> logger) : ICaseAction, INamedCaseStep
{
    /// <summary>
    /// The planner taking "no phone number" for a person nobody can call. The definitions (v1–v4) give that step to
    /// customer contact only, so the planner holds that role for this one step; the journal names it "planner".
    /// </summary>
    private static readonly Actor NoPhonePlanner = new(null, "planner", new HashSet<string> { Actor.SystemRole, Staff.StaffRoles.CustomerContact });

    public static string StepName => CaseVocabulary.Actions.FollowUpCallDue;

    public Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken) => Task.FromResult<CaseTransitionOutcome?>(null); // fired by timers, never on entering a state

    public async Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timer = context.Timer;
        if (!await TakeAsync(context.Workflow, timer, CaseVocabulary.Transitions.CallDue, Actor.System("planner"), cancellationToken))
        {
            return false;
        }

        var called = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == timer.InstanceId, cancellationToken);
        if (!ContactRule.CanCall(called))
        {
            await TakeAsync(context.Workflow, timer, CaseVocabulary.Transitions.NoPhoneNumber, NoPhonePlanner, cancellationToken); // the call is due either way
        }

        return true;
    }

    private async Task<bool> TakeAsync(CaseWorkflow workflow, WorkflowTimer timer, string transition, Actor actor, CancellationToken cancellationToken)
    {
        var version = await db.WorkflowInstances.Where(i => i.Id == timer.InstanceId).Select(i => i.Version).SingleAsync(cancellationToken);
        var outcome = await workflow.ApplyAsync(timer.InstanceId, transition, actor, new TransitionInput(version, new Dictionary<string, string?>(), null), cancellationToken);
        if (!outcome.Applied)
        {
            LogNotApplied(timer.Name, timer.InstanceId, outcome.Refused?.Reason.ToString() ?? "?");
        }

        return outcome.Applied;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerName} for case {CaseId} could not take its step ({Reason}); it will be tried again")]
    private partial void LogNotApplied(string timerName, Guid caseId, string reason);
}
