using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// Hangfire's two servers (<see cref="BackgroundJobs"/>: timers; mail and the rest), started once the node listens
/// instead of before: Hangfire's own hosted service takes the storage in its constructor, and making the PostgreSQL
/// storage opens a connection, which held every node's first answer back by ~60 ms (ADR 0020, "start-up work after
/// listening"). When the storage cannot be reached then, the node says so and tries again every
/// <see cref="RetryEvery"/>: a node never runs on without its servers. Stopping asks both to stop and waits for their
/// running jobs, as Hangfire's own hosted service does.
/// </summary>
public sealed partial class JobServers(IServiceProvider services, IHostApplicationLifetime lifetime, BackgroundJobOptions options, TimeProvider clock, ILogger<JobServers> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly List<BackgroundJobServer> running = [];
    private Task starting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => starting = Task.Run(StartServersAsync, CancellationToken.None));
        lifetime.ApplicationStopping.Register(SendStop);
        return Task.CompletedTask;
    }

    private async Task StartServersAsync()
    {
        while (!TryStart())
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
    }

    private bool TryStart()
    {
        try
        {
            var storage = services.GetRequiredService<JobStorage>();
            lock (gate)
            {
                if (lifetime.ApplicationStopping.IsCancellationRequested || running.Count > 0)
                {
                    return true;
                }

                running.Add(new BackgroundJobServer(Options(o =>
                {
                    o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:timers"; // Hangfire adds a unique id
                    o.Queues = [BackgroundJobs.TimersQueue];
                    o.WorkerCount = options.TimerWorkers;
                    o.SchedulePollingInterval = options.SchedulePollingInterval;
                }), storage, []));
                running.Add(new BackgroundJobServer(Options(o =>
                {
                    // Lightweight: the first server already runs the schedulers and the storage's own processes
                    // (expiry, the sliding-invisibility heartbeat) for this storage.
                    o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:mail";
                    o.Queues = [BackgroundJobs.MailQueue, EnqueuedState.DefaultQueue];
                    o.WorkerCount = options.MailWorkers;
                    o.IsLightweightServer = true;
                }), storage, []));
            }

            return true;
        }
#pragma warning disable CA1031 // any failure of the storage: said, and tried again
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogStartFailed(exception, RetryEvery.TotalSeconds);
            return false;
        }
    }

    /// <summary>The app's own activator (jobs get their services from a scope) and filters, as Hangfire's hosted service sets them.</summary>
    private BackgroundJobServerOptions Options(Action<BackgroundJobServerOptions> configure)
    {
        var server = new BackgroundJobServerOptions
        {
            Activator = services.GetRequiredService<JobActivator>(),
            FilterProvider = services.GetService<IJobFilterProvider>(),
            TimeZoneResolver = services.GetService<ITimeZoneResolver>(),
        };
        configure(server);
        return server;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hangfire's servers could not be started (its storage refused); trying again in {Seconds} s")]
    private partial void LogStartFailed(Exception exception, double seconds);

    private BackgroundJobServer[] Running()
    {
        lock (gate)
        {
            return [.. running];
        }
    }

    private void SendStop()
    {
        foreach (var server in Running())
        {
            server.SendStop();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await starting.WaitAsync(cancellationToken);
        SendStop();
        foreach (var server in Running())
        {
            await server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var server in Running())
        {
            server.Dispose();
        }
    }
}
