using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Hangfire.Storage;
using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// Hangfire runs all background work (ADR 0010): two recurring sweeps over the application's own rows
/// (workflow timers, the email outbox), each on its own queue with its own workers, so a long timer
/// drain never takes the senders' workers. On PostgreSQL Hangfire keeps its storage in its own schema of
/// the application database and every app node runs the servers; on the embedded default it keeps it
/// in memory. Nothing that matters lives only in Hangfire: after any restart the sweeps find the due
/// rows again.
/// </summary>
public static class BackgroundJobs
{
    public const string TimersQueue = "timers";
    public const string MailQueue = "mail";
    public const string TimerSweepId = "workflow-timers";
    public const string OutboxSweepId = "outbox-delivery";

    /// <summary>The sweeps an administrator may pause, in the order the dashboard shows them.</summary>
    public static readonly IReadOnlyList<string> Sweeps = [OutboxSweepId, TimerSweepId];

    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, DatabaseOptions database, BackgroundJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);

        // One storage and one activator per app instead of Hangfire's static JobStorage.Current: two
        // apps in one process (the tests' two-node cluster) keep their own (AddHangfire uses TryAdd).
        services.AddSingleton<JobStorage>(sp =>
        {
            _ = sp.GetRequiredService<IGlobalConfiguration>(); // Hangfire's logging is set up before the storage logs
            return database.Provider == DatabaseProvider.PostgreSql
                ? PostgresStorage(database.ConnectionString, options)
                : new InMemoryStorage(new InMemoryStorageOptions());
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .UseLogProvider(LogBridge(sp))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddScoped<TimerSweep>();
        services.AddScoped<OutboxSweep>();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddHangfireServer((_, o) =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:timers"; // Hangfire adds a unique id
            o.Queues = [TimersQueue];
            o.WorkerCount = options.TimerWorkers;
            o.SchedulePollingInterval = options.SchedulePollingInterval;
        });
        services.AddHangfireServer((_, o) =>
        {
            // Lightweight: the first server already runs the schedulers and the storage's own processes
            // (expiry, the sliding-invisibility heartbeat) for this storage.
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:mail";
            o.Queues = [MailQueue, EnqueuedState.DefaultQueue];
            o.WorkerCount = options.MailWorkers;
            o.IsLightweightServer = true;
        });
        services.AddHostedService<SweepRegistration>();
        return services;
    }

    private static HangfireLogBridge LogBridge(IServiceProvider services)
    {
        HangfireLogBridge.Instance.Use(services.GetRequiredService<ILoggerFactory>());
        return HangfireLogBridge.Instance;
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString, BackgroundJobOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.PostgresSchema,
            PrepareSchemaIfNecessary = true,
            // The defaults (30 min, not sliding) let a job of a killed node wait 30 minutes and run a
            // job longer than that twice; sliding keeps a live job invisible, a dead one returns soon.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            QueuePollInterval = options.QueuePollInterval,
            EnableLongPolling = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    /// <summary>Writes the recurring sweeps at every start, so their definition always comes from this code.</summary>
    private sealed class SweepRegistration(IRecurringJobManager recurring, BackgroundJobOptions options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
            recurring.AddOrUpdate<TimerSweep>(TimerSweepId, TimersQueue, s => s.RunAsync(CancellationToken.None), options.TimerSweepCron, utc);
            recurring.AddOrUpdate<OutboxSweep>(OutboxSweepId, MailQueue, s => s.RunAsync(CancellationToken.None), options.OutboxSweepCron, utc);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

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

/// <summary>Fires due workflow timers until none is left (several runs at once share the work; each timer fires once).</summary>
public sealed class TimerSweep(Cases.TimerFiring firing, AppDbContext db)
{
    [SweepJob]
    [AutomaticRetry(Attempts = 0)]
    [Queue(BackgroundJobs.TimersQueue)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await JobPause.IsPausedAsync(db, BackgroundJobs.TimerSweepId, cancellationToken))
        {
            await firing.FireDueAsync(cancellationToken);
        }
    }
}

/// <summary>Sends due email until none is left (several runs at once share the work; each message goes once).</summary>
public sealed class OutboxSweep(Email.OutboxSender sender, AppDbContext db)
{
    [SweepJob]
    [AutomaticRetry(Attempts = 0)]
    [Queue(BackgroundJobs.MailQueue)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await JobPause.IsPausedAsync(db, BackgroundJobs.OutboxSweepId, cancellationToken))
        {
            await sender.SendDueAsync(cancellationToken);
        }
    }
}
