using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// Hangfire runs all background work (ADR 0010): two recurring sweeps over the application's own rows
/// (workflow timers, the email outbox), each on its own queue with its own workers, so a long timer
/// drain never takes the senders' workers. A sweep is a watcher that runs a minute and a bit, claiming
/// due rows every second; a pause is part of the claim (a row in JobPauses). On PostgreSQL Hangfire keeps its storage in its own schema of
/// the application database and every app node runs the servers; on the embedded default it keeps it
/// in memory. Nothing that matters lives only in Hangfire: after any restart the sweeps find the due
/// rows again.
/// </summary>
public static partial class BackgroundJobs
{
    public const string TimersQueue = "timers";
    public const string MailQueue = "mail";
    public const string TimerSweepId = "workflow-timers";
    public const string OutboxSweepId = "outbox-delivery";
    public const string EstimateWatchId = "estimate-watch";
    public const string DeadlineWarningId = "deadline-warning";

    public const string ConversationReminderId = "conversation-reminder";
    public const string PromiseWatchId = "promise-watch";
    public const string ParliamentReportId = "parliament-report";
    public const string RetentionId = "retention";
    public const string IntakeDraftCleanupId = "intake-drafts";
    public const string WebhookSweepId = "webhook-delivery";
    public const string FiguresId = "figures";

    /// <summary>The sweeps an administrator may pause, in the order the dashboard shows them.</summary>
    public static readonly IReadOnlyList<string> Sweeps = [OutboxSweepId, TimerSweepId, WebhookSweepId];

    /// <param name="prepareSchema">Whether the PostgreSQL storage makes or upgrades Hangfire's tables when it is first used (the node that migrates, or the 'migrate' step); nodes that start without migrating leave them alone.</param>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, DatabaseOptions database, BackgroundJobOptions options, bool prepareSchema = true)
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
                ? PostgresStorage(database.ConnectionString, options, prepareSchema && database.OwnerConnectionString is null)
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
        services.AddScoped<Cases.Terms.EstimateWatch>();
        services.AddScoped<Cases.Terms.DeadlineWarning>();
        services.AddScoped<Cases.Bookings.ConversationReminders>();
        services.AddScoped<Audit.Retention>();
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

    /// <summary>
    /// When the tables have an owner of their own (<see cref="DatabaseOptions.OwnerConnectionString"/>), makes or upgrades
    /// Hangfire's schema now as that owner (the deploy step, or a node that migrates at start): the application's own role
    /// may not create tables, so its storage then leaves the schema alone. Without an owner the storage does it itself
    /// when first used, as the application's role owns everything.
    /// </summary>
    public static void PrepareSchemaAsOwner(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetRequiredService<DatabaseOptions>().OwnerConnectionString is { } owner)
        {
            _ = services.GetRequiredService<IGlobalConfiguration>();
            _ = PostgresStorage(owner, services.GetRequiredService<BackgroundJobOptions>(), prepareSchema: true);
        }
    }

    private static HangfireLogBridge LogBridge(IServiceProvider services)
    {
        HangfireLogBridge.Instance.Use(services.GetRequiredService<ILoggerFactory>());
        return HangfireLogBridge.Instance;
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString, BackgroundJobOptions options, bool prepareSchema)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.PostgresSchema,
            PrepareSchemaIfNecessary = prepareSchema,
            // The defaults (30 min, not sliding) let a job of a killed node wait 30 minutes and run a
            // job longer than that twice; sliding keeps a live job invisible, a dead one returns soon.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            QueuePollInterval = options.QueuePollInterval,
            EnableLongPolling = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    /// <summary>
    /// Writes the recurring sweeps at every start, so their definition always comes from this code, and starts them:
    /// once the node listens (the start does not wait for these writes to Hangfire's storage; the host has started
    /// when they are done). When the storage cannot be written then, the node says so and tries again every
    /// <see cref="RetryEvery"/> until it can: a node never runs on without having written its sweeps.
    /// </summary>
    private sealed partial class SweepRegistration(IHostApplicationLifetime lifetime, IRecurringJobManager recurring, BackgroundJobOptions options, Audit.RetentionOptions retention, Api.WebhookOptions webhooks, Cases.Promises.PromiseOptions promises, Management.ParliamentReportOptions parliament, TimeProvider clock, ILogger<SweepRegistration> logger) : IHostedService
    {
        private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(10);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                if (!TryRegister())
                {
                    _ = Task.Run(RetryAsync, CancellationToken.None);
                }
            });
            return Task.CompletedTask;
        }

        private async Task RetryAsync()
        {
            do
            {
                try
                {
                    await Task.Delay(RetryEvery, clock, lifetime.ApplicationStopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            while (!TryRegister());
        }

        private bool TryRegister()
        {
            try
            {
                Register();
                return true;
            }
#pragma warning disable CA1031 // any failure of the storage: said, and tried again
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRegistrationFailed(exception, RetryEvery.TotalSeconds);
                return false;
            }
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "The recurring sweeps could not be written to Hangfire's storage; trying again in {Seconds} s")]
        private partial void LogRegistrationFailed(Exception exception, double seconds);

        private void Register()
        {
            var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
            recurring.AddOrUpdate<TimerSweep>(TimerSweepId, TimersQueue, s => s.RunAsync(CancellationToken.None), options.TimerSweepCron, utc);
            recurring.AddOrUpdate<OutboxSweep>(OutboxSweepId, MailQueue, s => s.RunAsync(CancellationToken.None), options.OutboxSweepCron, utc);
            recurring.AddOrUpdate<Cases.Terms.EstimateWatch>(EstimateWatchId, EnqueuedState.DefaultQueue, w => w.RunAsync(CancellationToken.None), options.EstimateWatchCron,
                new RecurringJobOptions { TimeZone = Common.AmsterdamTime.Zone });
            recurring.AddOrUpdate<Cases.Terms.DeadlineWarning>(DeadlineWarningId, EnqueuedState.DefaultQueue, w => w.RunAsync(CancellationToken.None), options.DeadlineWarningCron,
                new RecurringJobOptions { TimeZone = Common.AmsterdamTime.Zone });
            recurring.AddOrUpdate<Cases.Bookings.ConversationReminders>(ConversationReminderId, EnqueuedState.DefaultQueue, w => w.RunAsync(CancellationToken.None), options.ConversationReminderCron,
                new RecurringJobOptions { TimeZone = Common.AmsterdamTime.Zone });
            recurring.AddOrUpdate<Cases.Promises.PromiseWatch>(PromiseWatchId, EnqueuedState.DefaultQueue, w => w.RunAsync(CancellationToken.None), promises.WatchCron,
                new RecurringJobOptions { TimeZone = Common.AmsterdamTime.Zone });
            recurring.AddOrUpdate<Management.ParliamentReports>(ParliamentReportId, EnqueuedState.DefaultQueue, w => w.RunAsync(CancellationToken.None), parliament.Cron,
                new RecurringJobOptions { TimeZone = Common.AmsterdamTime.Zone });
            recurring.AddOrUpdate<Intake.IntakeDraftCleanup>(IntakeDraftCleanupId, EnqueuedState.DefaultQueue, c => c.RunAsync(CancellationToken.None), Cron.Hourly(), utc);
            recurring.AddOrUpdate<Management.FiguresJob>(FiguresId, EnqueuedState.DefaultQueue, f => f.RunAsync(CancellationToken.None), options.FiguresCron, utc);
            recurring.AddOrUpdate<Api.WebhookSender>(WebhookSweepId, MailQueue, w => w.DeliverDueAsync(CancellationToken.None), webhooks.Cron, utc);
            recurring.AddOrUpdate<Audit.Retention>(RetentionId, EnqueuedState.DefaultQueue, r => r.RunAsync(CancellationToken.None), retention.Cron,
                new RecurringJobOptions { TimeZone = Common.AmsterdamTime.Zone });
            // Start watching now rather than at the next full minute (after a restart, due work waits no longer).
            recurring.Trigger(TimerSweepId);
            recurring.Trigger(OutboxSweepId);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
