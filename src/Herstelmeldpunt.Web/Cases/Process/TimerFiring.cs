using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Process;

/// <summary>
/// Fires the workflow timers that are due. The timer rows are the truth: a batch of due rows is claimed
/// (FiredAt set; on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so sweeps running at once on several
/// nodes take different rows) in the same transaction as everything the timers cause. A timer therefore
/// fires exactly once however often, and on however many nodes, this runs — and one that fell due
/// during a crash or restart simply fires on the next run. When one timer of a batch cannot take its
/// step, the batch is rolled back and fired one by one, so the others are not held up.
/// </summary>
public sealed partial class TimerFiring(AppDbContext db, Steps.CaseStepRegistry steps, CaseWorkflow workflow, TimeProvider clock, BackgroundJobOptions options, ILogger<TimerFiring> logger)
{
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
                var context = await Steps.TimerBatch.LoadAsync(db, batch, cancellationToken);
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
            ran = await RunAsync(timer, await Steps.TimerBatch.LoadAsync(db, [timer], cancellationToken), cancellationToken);
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

    /// <summary>The timer's action, by its vocabulary name (<see cref="Steps.CaseStepRegistry"/>).</summary>
    private Task<bool> RunAsync(WorkflowTimer timer, Steps.TimerBatch batch, CancellationToken cancellationToken) =>
        steps.Action(timer.FiresAction).OnTimerAsync(new Steps.TimerContext(timer, batch, workflow), cancellationToken);

    private sealed class TimerNotAppliedException : Exception;

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {TimerName} fired for case {CaseId}: {Action}")]
    private partial void LogFired(string timerName, Guid caseId, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} workflow timers fired in one batch")]
    private partial void LogBatchFired(int count);
}
