using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>
/// Fires the workflow timers that are due. The timer rows are the truth: a due row is claimed by a
/// conditional update (FiredAt still empty, not cancelled) in the same transaction as what it causes,
/// so a timer fires exactly once however often, and on however many nodes, this runs — and one due
/// during a crash or restart simply fires on the next run.
/// </summary>
public sealed partial class TimerFiring(AppDbContext db, EmailTemplates templates, WorkflowEngine engine, CaseWorkflow workflow, TimeProvider clock, ILogger<TimerFiring> logger)
{
    /// <summary>Returns how many timers fired in this run.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WorkflowTimers.AsNoTracking()
            .Where(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var timer in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.WorkflowTimers
                .Where(t => t.Id == timer.Id && t.FiredAt == null && t.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue; // fired or cancelled meanwhile (another node, or the case moved on)
            }

            bool ran;
            try
            {
                ran = await RunAsync(timer, cancellationToken);
            }
            catch (DbUpdateException)
            {
                ran = false; // someone moved the case at the same moment
            }

            if (!ran)
            {
                await transaction.RollbackAsync(cancellationToken); // not fired: the next run tries again
                db.ChangeTracker.Clear();
                continue;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            fired++;
            LogFired(timer.Name, timer.InstanceId, timer.FiresAction);
        }

        return fired;
    }

    private async Task<bool> RunAsync(WorkflowTimer timer, CancellationToken cancellationToken)
    {
        switch (timer.FiresAction)
        {
            case CaseVocabulary.Actions.EscalateToManager:
                // The escalation itself is the fired timer row (the manager's worklist shows it while the
                // case is still in that state); each active manager also gets an email without personal data.
                var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == timer.InstanceId, cancellationToken);
                var reference = await db.Reports.Where(r => r.Id == timer.InstanceId).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
                var step = engine.DefinitionOf(instance).State(timer.State).Label.Nl;
                var managers = await (from ur in db.UserRoles
                                      join r in db.Roles on ur.RoleId equals r.Id
                                      join u in db.Users on ur.UserId equals u.Id
                                      where r.Name == StaffRoles.Manager && !u.IsDisabled && u.Email != null
                                      select new { u.Id, u.Email }).ToListAsync(cancellationToken);
                foreach (var manager in managers)
                {
                    var email = templates.Render("escalation", "nl", new Dictionary<string, string> { ["reference"] = reference, ["step"] = step });
                    EmailOutbox.Enqueue(db, clock, $"escalation:{timer.Id}:{manager.Id}", manager.Email!, email.Subject, email.Text, email.Html);
                }

                return true;
            case CaseVocabulary.Actions.FollowUpCallDue:
                // The call is due: the case moves to "call now", on the customer-contact worklist.
                var version = await db.WorkflowInstances.Where(i => i.Id == timer.InstanceId).Select(i => i.Version).SingleAsync(cancellationToken);
                var outcome = await workflow.ApplyAsync(timer.InstanceId, CaseVocabulary.CallDueTransition, Actor.System("planner"),
                    new TransitionInput(version, new Dictionary<string, string?>(), null), cancellationToken);
                if (!outcome.Applied)
                {
                    LogNotApplied(timer.Name, timer.InstanceId, outcome.Refused?.Reason.ToString() ?? "?");
                }

                return outcome.Applied;
            case CaseVocabulary.Actions.NotifyReporter:
            case CaseVocabulary.Actions.AssignToCommittee:
            case CaseVocabulary.Actions.PlanFollowUpCall:
                return true; // not used by timers in the current definitions; marking the row fired is enough
            default:
                throw new InvalidOperationException($"Unknown timer action '{timer.FiresAction}'.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerName} for case {CaseId} could not take its step ({Reason}); it will be tried again")]
    private partial void LogNotApplied(string timerName, Guid caseId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {TimerName} fired for case {CaseId}: {Action}")]
    private partial void LogFired(string timerName, Guid caseId, string action);
}
