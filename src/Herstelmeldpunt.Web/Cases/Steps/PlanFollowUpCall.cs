using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// On entering "follow-up planned": the next call (the first in the person's part of the day, or a retry after
/// one that did not reach them) and its timer, and the person told when. Nobody to call (<see cref="ContactRule"/>):
/// the call is "due" at once and the timer passes it straight to the emailed questions; no call is promised. Scoped.
/// </summary>
public sealed class PlanFollowUpCall(AppDbContext db, FollowUpPlanner planner, ReporterMessages reporterMessages) : ICaseAction, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Actions.PlanFollowUpCall;

    public async Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (instance, report, now) = (context.Instance, context.Report, context.Now);
        var previous = await db.FollowUpCalls.Where(c => c.CaseId == instance.Id).OrderByDescending(c => c.Attempt).FirstOrDefaultAsync(cancellationToken);
        var due = !ContactRule.CanCall(report) ? now
            : previous is { Reached: false } ? planner.Retry(now, new DateTimeOffset(previous.ScheduledFor, TimeSpan.Zero)) : planner.FirstCall(now, report.PreferredTime);
        var attempt = (previous?.Attempt ?? 0) + 1;
        db.FollowUpCalls.Add(new FollowUpCall { Id = Guid.CreateVersion7(now), CaseId = instance.Id, Attempt = attempt, ScheduledFor = due.UtcDateTime });
        db.WorkflowTimers.Add(new WorkflowTimer
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = instance.Id,
            State = instance.State,
            Name = $"follow_up_call_{attempt}",
            DueAt = due.UtcDateTime,
            FiresAction = CaseVocabulary.Actions.FollowUpCallDue,
            CreatedAt = now.UtcDateTime,
        });
        var when = FollowUpPlanner.Spelled(due, report.Language);
        reporterMessages.Queue(report, "follow_up_call_planned", $"call:{instance.Id}:{attempt}", new Dictionary<string, string> { ["when"] = when }, promised: new Promises.Promised(Common.AmsterdamTime.DateOf(due.UtcDateTime))); // not sent when nobody can be called (ContactRule)
        return null;
    }

    public Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken) => Task.FromResult(true); // no definition times it: marking the row fired is enough
}
