using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>
/// Fires the workflow timers that are due. The timer rows are the truth: a batch of due rows is claimed
/// (FiredAt set; on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so sweeps running at once on several
/// nodes take different rows) in the same transaction as everything the timers cause. A timer therefore
/// fires exactly once however often, and on however many nodes, this runs — and one that fell due
/// during a crash or restart simply fires on the next run. When one timer of a batch cannot take its
/// step, the batch is rolled back and fired one by one, so the others are not held up.
/// </summary>
public sealed partial class TimerFiring(AppDbContext db, EmailTemplates templates, ReporterMessages reporterMessages, WorkflowEngine engine, CaseWorkflow workflow, TimeProvider clock, BackgroundJobOptions options, ILogger<TimerFiring> logger)
{
    /// <summary>
    /// The planner taking "no phone number" for a person nobody can call. The definitions (v1–v4) give that step to
    /// customer contact only, so the planner holds that role for this one step; the journal names it "planner".
    /// </summary>
    private static readonly Actor NoPhonePlanner = new(null, "planner", new HashSet<string> { Actor.SystemRole, Staff.StaffRoles.CustomerContact });

    /// <summary>Fires until nothing is due. Returns how many timers fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (claimed, fired) = await FireBatchAsync(options.TimerBatchSize, cancellationToken);
            total += fired;
            if (claimed < options.TimerBatchSize || fired < claimed)
            {
                break; // nothing more due, or some could not take their step: the next run tries them again
            }
        }

        return total;
    }

    /// <summary>One batch: claims up to <paramref name="size"/> due timers. Returns how many were claimed and how many fired.</summary>
    public async Task<(int Claimed, int Fired)> FireBatchAsync(int size, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<WorkflowTimer> batch;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            batch = await ClaimAsync(now, size, cancellationToken);
            if (batch.Count == 0)
            {
                return (0, 0);
            }

            try
            {
                var context = await BatchContext.LoadAsync(db, batch, cancellationToken);
                foreach (var timer in batch)
                {
                    if (!await RunAsync(timer, context, cancellationToken))
                    {
                        throw new TimerNotAppliedException();
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                LogBatchFired(batch.Count);
                return (batch.Count, batch.Count);
            }
            catch (Exception exception) when (exception is TimerNotAppliedException or DbUpdateException)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        var fired = 0;
        foreach (var timer in batch)
        {
            fired += await FireOneAsync(timer.Id, cancellationToken) ? 1 : 0;
        }

        return (batch.Count, fired);
    }

    private async Task<bool> FireOneAsync(Guid timerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.WorkflowTimers
            .Where(t => t.Id == timerId && t.FiredAt == null && t.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false; // fired or cancelled meanwhile (another node, or the case moved on)
        }

        var timer = await db.WorkflowTimers.AsNoTracking().SingleAsync(t => t.Id == timerId, cancellationToken);
        bool ran;
        try
        {
            ran = await RunAsync(timer, await BatchContext.LoadAsync(db, [timer], cancellationToken), cancellationToken);
            if (ran)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            ran = false; // someone moved the case at the same moment
        }

        if (!ran)
        {
            await transaction.RollbackAsync(cancellationToken); // not fired: the next run tries again
            db.ChangeTracker.Clear();
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        LogFired(timer.Name, timer.InstanceId, timer.FiresAction);
        return true;
    }

    /// <summary>
    /// Marks up to <paramref name="size"/> due timers fired and returns them, inside the caller's
    /// transaction; none while an administrator has paused the sweep (<see cref="JobPause"/>).
    /// </summary>
    private Task<List<WorkflowTimer>> ClaimAsync(DateTime now, int size, CancellationToken cancellationToken)
    {
        // Rows another sweep has locked are skipped, not waited for (PostgreSQL); SQLite has one writer at a time.
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : string.Empty;
#pragma warning disable EF1002 // the only text put into this SQL is the constant above; values are parameters
        return db.WorkflowTimers.FromSqlRaw(
            $$"""
            UPDATE "WorkflowTimers" SET "FiredAt" = {0}
            WHERE "Id" IN (
                SELECT "Id" FROM "WorkflowTimers"
                WHERE "FiredAt" IS NULL AND "CancelledAt" IS NULL AND "DueAt" <= {0}
                  AND NOT EXISTS (SELECT 1 FROM "JobPauses" WHERE "Job" = 'workflow-timers')
                ORDER BY "DueAt" LIMIT {1} {{skipLocked}})
            RETURNING *
            """, now, size).AsNoTracking().ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    private async Task<bool> RunAsync(WorkflowTimer timer, BatchContext context, CancellationToken cancellationToken)
    {
        switch (timer.FiresAction)
        {
            case CaseVocabulary.Actions.EscalateToManager:
                // The escalation itself is the fired timer row (the manager's worklist shows it while the
                // case is still in that state); each active manager who wants it also gets an email without
                // personal data, in their own language.
                var (reference, instance) = context.Cases[timer.InstanceId];
                var label = engine.DefinitionOf(instance).State(timer.State).Label;
                foreach (var (managerId, managerEmail, language) in context.Managers)
                {
                    var email = templates.Render("escalation", language, new Dictionary<string, string> { ["reference"] = reference, ["step"] = language == "en" ? label.En : label.Nl });
                    EmailOutbox.Enqueue(db, clock, $"escalation:{timer.Id}:{managerId}", new OutgoingEmail(managerEmail, email.Subject, email.Text, email.Html)
                    {
                        Template = "escalation",
                        Priority = OutboxPriority.Staff,
                        CaseId = timer.InstanceId,
                    });
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
                    return false;
                }

                // Nobody can be called (ContactRule): the questions go by email or letter at once, instead of waiting
                // on the call-now worklist for someone to click "no phone number".
                var called = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == timer.InstanceId, cancellationToken);
                if (!Reporters.ContactRule.CanCall(called))
                {
                    var next = await db.WorkflowInstances.Where(i => i.Id == timer.InstanceId).Select(i => i.Version).SingleAsync(cancellationToken);
                    var skipped = await workflow.ApplyAsync(timer.InstanceId, CaseVocabulary.NoPhoneNumberTransition, NoPhonePlanner,
                        new TransitionInput(next, new Dictionary<string, string?>(), null), cancellationToken);
                    if (!skipped.Applied)
                    {
                        LogNotApplied(timer.Name, timer.InstanceId, skipped.Refused?.Reason.ToString() ?? "?");
                    }
                }

                return true;
            case CaseVocabulary.Actions.NotifyReporter:
                // A reminder (v3: an unanswered question after five working days), once per timer.
                if (timer.FiresWith is { } template)
                {
                    var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == timer.InstanceId, cancellationToken);
                    reporterMessages.Queue(report, template, $"timer:{timer.Id}:{template}");
                }

                return true;
            case CaseVocabulary.Actions.AssignToCommittee:
            case CaseVocabulary.Actions.PlanFollowUpCall:
                return true; // not used by timers in the current definitions; marking the row fired is enough
            default:
                throw new InvalidOperationException($"Unknown timer action '{timer.FiresAction}'.");
        }
    }

    /// <summary>What the timers of one batch need, read with one query each instead of one per timer.</summary>
    private sealed record BatchContext(IReadOnlyDictionary<Guid, (string Reference, WorkflowInstance Instance)> Cases, IReadOnlyList<(string Id, string Email, string Language)> Managers)
    {
        public static async Task<BatchContext> LoadAsync(AppDbContext db, IReadOnlyCollection<WorkflowTimer> timers, CancellationToken cancellationToken)
        {
            var escalating = timers.Where(t => t.FiresAction == CaseVocabulary.Actions.EscalateToManager).Select(t => t.InstanceId).Distinct().ToList();
            if (escalating.Count == 0)
            {
                return new BatchContext(new Dictionary<Guid, (string, WorkflowInstance)>(), []);
            }

            var cases = await (from i in db.WorkflowInstances.AsNoTracking()
                               join r in db.Reports on i.Id equals r.Id
                               where escalating.Contains(i.Id)
                               select new { r.ReferenceNumber, Instance = i }).ToDictionaryAsync(x => x.Instance.Id, x => (x.ReferenceNumber, x.Instance), cancellationToken);
            var managers = await (from ur in db.UserRoles
                                  join r in db.Roles on ur.RoleId equals r.Id
                                  join u in db.Users on ur.UserId equals u.Id
                                  where r.Name == StaffRoles.Manager && !u.IsDisabled && u.Email != null && u.NotifyEscalations
                                  orderby u.Id
                                  select new { u.Id, u.Email, u.Language }).ToListAsync(cancellationToken);
            return new BatchContext(cases, [.. managers.Select(m => (m.Id, m.Email!, m.Language))]);
        }
    }

    private sealed class TimerNotAppliedException : Exception;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerName} for case {CaseId} could not take its step ({Reason}); it will be tried again")]
    private partial void LogNotApplied(string timerName, Guid caseId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {TimerName} fired for case {CaseId}: {Action}")]
    private partial void LogFired(string timerName, Guid caseId, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} workflow timers fired in one batch")]
    private partial void LogBatchFired(int count);
}
