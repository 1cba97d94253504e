using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// A sweep run is worth keeping in Hangfire's history for an hour, not a day: with a run every few
/// seconds a day's history would be tens of thousands of rows that say nothing. A failed run is kept
/// as Hangfire keeps failures (until deleted), and is not retried: the next run comes within seconds.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SweepJobAttribute : JobFilterAttribute, IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.JobExpirationTimeout = TimeSpan.FromHours(1);
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}

/// <summary>
/// The workflow-timer sweep: a watcher (recurring) that fires due timers for a minute and a bit, and
/// drain helpers it queues when a flood comes in. Each timer fires once however many run (the claim).
/// </summary>
public sealed class TimerSweep(Cases.Process.TimerFiring firing, BackgroundJobOptions options, IBackgroundJobClient jobs)
{
    [SweepJob]
    [AutomaticRetry(Attempts = 0)]
    [Queue(BackgroundJobs.TimersQueue)]
    public Task RunAsync(CancellationToken cancellationToken) =>
        SweepLoop.WatchAsync(
            token => firing.FireBatchAsync(options.TimerBatchSize, token),
            options.TimerBatchSize,
            () => jobs.Enqueue<TimerSweep>(s => s.DrainAsync(CancellationToken.None)),
            options,
            cancellationToken);

    [SweepJob]
    [AutomaticRetry(Attempts = 0)]
    [Queue(BackgroundJobs.TimersQueue)]
    public Task DrainAsync(CancellationToken cancellationToken) => firing.FireDueAsync(cancellationToken);
}

/// <summary>The outbox sweep: a watcher (recurring) that sends due mail for a minute and a bit, and drain helpers for a flood.</summary>
public sealed class OutboxSweep(Email.OutboxSender sender, BackgroundJobOptions options, IBackgroundJobClient jobs)
{
    [SweepJob]
    [AutomaticRetry(Attempts = 0)]
    [Queue(BackgroundJobs.MailQueue)]
    public Task RunAsync(CancellationToken cancellationToken) =>
        SweepLoop.WatchAsync(
            token => sender.SendBatchAsync(options.OutboxBatchSize, token),
            options.OutboxBatchSize,
            () => jobs.Enqueue<OutboxSweep>(s => s.DrainAsync(CancellationToken.None)),
            options,
            cancellationToken);

    [SweepJob]
    [AutomaticRetry(Attempts = 0)]
    [Queue(BackgroundJobs.MailQueue)]
    public Task DrainAsync(CancellationToken cancellationToken) => sender.SendDueAsync(cancellationToken);
}

/// <summary>
/// The watcher's loop: one cheap claim every poll interval while idle (one job per minute for Hangfire
/// instead of one every few seconds), batch after batch while work is due, helpers for a flood.
/// </summary>
internal static class SweepLoop
{
    public static async Task WatchAsync(Func<CancellationToken, Task<(int Claimed, int Done)>> batch, int batchSize, Action startHelper, BackgroundJobOptions options, CancellationToken cancellationToken)
    {
        var running = Stopwatch.StartNew();
        TimeSpan? helpersStarted = null;
        while (!cancellationToken.IsCancellationRequested && running.Elapsed < options.SweepRunTime)
        {
            var (claimed, done) = await batch(cancellationToken);
            if (claimed == batchSize && done > 0)
            {
                // A flood: let other workers (on every node) drain beside this one, at most every 30 s.
                if (helpersStarted is null || running.Elapsed - helpersStarted > TimeSpan.FromSeconds(30))
                {
                    for (var i = 0; i < options.DrainHelpers; i++)
                    {
                        startHelper();
                    }

                    helpersStarted = running.Elapsed;
                }

                continue;
            }

            try
            {
                await Task.Delay(options.SweepPollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return; // the node stops; the next watcher (here or on another node) carries on
            }
        }
    }
}
