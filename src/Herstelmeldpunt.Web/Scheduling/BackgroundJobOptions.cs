namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// Configuration section "BackgroundJobs": Hangfire's servers and the two sweeps (ADR 0010). The
/// defaults are what was measured in docs/figures.md on 2 cores.
/// </summary>
public sealed class BackgroundJobOptions
{
    public const string Section = "BackgroundJobs";

    /// <summary>Off only in tests that drive the sweeps themselves: no Hangfire server runs then (the dashboard still does).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Six-field cron (with seconds): how often the workflow-timer sweep starts. Every 2 s keeps the lag from due to fired under 5 s.</summary>
    public string TimerSweepCron { get; set; } = "*/2 * * * * *";

    /// <summary>Six-field cron: how often the outbox sweep starts.</summary>
    public string OutboxSweepCron { get; set; } = "*/2 * * * * *";

    /// <summary>Workers for the "timers" queue per node; that many sweeps fire timers at once.</summary>
    public int TimerWorkers { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Workers for the "mail" and "default" queues per node; each sender holds one SMTP connection per batch.</summary>
    public int MailWorkers { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Timers claimed and fired in one transaction.</summary>
    public int TimerBatchSize { get; set; } = 200;

    /// <summary>Messages claimed and sent over one SMTP connection.</summary>
    public int OutboxBatchSize { get; set; } = 50;

    /// <summary>
    /// How often an idle worker asks PostgreSQL for work (long polling wakes it earlier when a job is
    /// queued). Measured idle cost in docs/figures.md.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the recurring and delayed schedulers look; must be shorter than the sweep period.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A job of a node that died is handed to another after this (sliding: a long job keeps extending it).</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hangfire's own schema in the application database on PostgreSQL.</summary>
    public string PostgresSchema { get; set; } = "hangfire";
}
