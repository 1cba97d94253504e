using Herstelmeldpunt.Web.Data;
using Quartz;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>Configuration section "Scheduler".</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>Off only in tests that drive the jobs themselves.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan OutboxInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Quartz with its persistent job store in the application database (tables created on start), clustered
/// on PostgreSQL so that several app instances share the work. Jobs have stable keys; their schedules
/// are rewritten from this code at every start, so a rename in code never strands a stored job.
/// </summary>
public static class SchedulerSetup
{
    public const string Group = "herstelmeldpunt";
    public static readonly JobKey OutboxDelivery = new("outbox-delivery", Group);
    public static readonly JobKey WorkflowTimers = new("workflow-timers", Group);

    public static IServiceCollection AddAppScheduler(this IServiceCollection services, DatabaseOptions database, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            // Quartz takes the app's injected TimeProvider from the container, like everything else:
            // one clock for the scheduler and for what the jobs consider due.
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "herstelmeldpunt";
                o.GenerateInstanceId = true; // each app instance is a node of the cluster
            });
            q.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(Npgsql.NpgsqlFactory.Instance, database.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else
                {
                    store.UseSqlite(Microsoft.Data.Sqlite.SqliteFactory.Instance, database.ConnectionString);
                }

                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });

            q.AddJob<OutboxDeliveryJob>(j => j.WithIdentity(OutboxDelivery).StoreDurably().DisallowConcurrentExecution().WithDescription("Delivers due emails from the outbox"));
            q.AddTrigger<OutboxDeliveryJob>(t => t.ForJob(OutboxDelivery).WithIdentity("outbox-delivery-repeat", Group).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.OutboxInterval).RepeatForever()));
            q.AddJob<WorkflowTimerJob>(j => j.WithIdentity(WorkflowTimers).StoreDurably().DisallowConcurrentExecution().WithDescription("Fires workflow timers that are due (deadlines, escalations)"));
            q.AddTrigger<WorkflowTimerJob>(t => t.ForJob(WorkflowTimers).WithIdentity("workflow-timers-repeat", Group).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.TimerInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}

/// <summary>One run at a time across the cluster; the outbox's own claim keeps each message to one delivery.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDeliveryJob(Email.OutboxSender sender) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.SendDueAsync(cancellationToken);
}

/// <summary>One run at a time across the cluster; each timer is claimed with a conditional update, so it fires once.</summary>
[DisallowConcurrentExecution]
public sealed class WorkflowTimerJob(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Cases.TimerFiring>().FireDueAsync(cancellationToken);
    }
}
