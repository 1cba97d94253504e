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

    /// <summary>
    /// Cron: when a sweep's watcher starts (one per sweep per period across all nodes, plus one at each
    /// node's start). A watcher runs for <see cref="SweepRunTime"/>, looking every <see cref="SweepPollInterval"/>.
    /// </summary>
    public string TimerSweepCron { get; set; } = "* * * * *";

    /// <summary>Cron: when the outbox sweep's watcher starts.</summary>
    public string OutboxSweepCron { get; set; } = "* * * * *";

    /// <summary>Cron (UTC): when the figures behind Mijn melding's estimate, the public progress page and the dashboard are computed and stored (<see cref="Management.FiguresJob"/>).</summary>
    public string FiguresCron { get; set; } = "*/5 * * * *";

    /// <summary>Cron (Amsterdam time): when the estimates of open cases are checked and people told of a move of more than a week.</summary>
    public string EstimateWatchCron { get; set; } = "0 7 * * *";

    /// <summary>Cron (Amsterdam time): when assigned members are told of decision deadlines that are near.</summary>
    public string DeadlineWarningCron { get; set; } = "30 6 * * *";

    /// <summary>Cron (Amsterdam time): when people are reminded of a conversation they booked for the next day.</summary>
    public string ConversationReminderCron { get; set; } = "0 9 * * *";

    /// <summary>How long one watcher runs; a little longer than the cron period, so the next one has started before it stops.</summary>
    public TimeSpan SweepRunTime { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>How often a watcher looks for due rows: the lag from due to handled is at most about this.</summary>
    public TimeSpan SweepPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Extra drain jobs a watcher queues when it finds a full batch (a flood), so that several workers on several nodes share it.</summary>
    public int DrainHelpers { get; set; } = 3;

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

    /// <summary>How often Hangfire's recurring and delayed schedulers look; well below the overlap of two watchers (SweepRunTime minus the cron period).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A job of a node that died is handed to another after this (sliding: a long job keeps extending it).</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hangfire's own schema in the application database on PostgreSQL.</summary>
    public string PostgresSchema { get; set; } = "hangfire";
}
