using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Herstelmeldpunt.Web.Pages.BackOffice;

/// <summary>
/// Scheduled work at a glance (the Hangfire dashboard's role): the Quartz jobs with their state and
/// times, the workflow timers, and the email outbox with failures. Administrators can pause and resume
/// a job and retry a message now; managers only look.
/// </summary>
public sealed class JobsModel(AppDbContext db, SchedulerOptions schedulerOptions, IServiceProvider services, TimeProvider clock) : PageModel
{
    public sealed record JobRow(JobKey Key, string? Description, bool Paused, DateTimeOffset? Previous, DateTimeOffset? Next);

    public sealed record TimerRow(string Reference, string Name, DateTime DueAt);

    public bool SchedulerEnabled => schedulerOptions.Enabled;

    public bool CanAct => User.IsInRole(StaffRoles.Administrator);

    public IReadOnlyList<JobRow> Jobs { get; private set; } = [];

    public int TimersPending { get; private set; }

    public int TimersOverdue { get; private set; }

    public int TimersFired { get; private set; }

    public IReadOnlyList<TimerRow> NextTimers { get; private set; } = [];

    public int MessagesPending { get; private set; }

    public int MessagesSent { get; private set; }

    public IReadOnlyList<OutboxMessage> Failed { get; private set; } = [];

    public string? NoticeKey { get; private set; }

    public async Task OnGetAsync(string? melding, CancellationToken cancellationToken)
    {
        NoticeKey = melding is { Length: > 0 } ? "Jobs.Done" : null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (SchedulerEnabled)
        {
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
            var rows = new List<JobRow>();
            foreach (var key in new[] { SchedulerSetup.OutboxDelivery, SchedulerSetup.WorkflowTimers })
            {
                var detail = await scheduler.GetJobDetail(key, cancellationToken);
                var trigger = (await scheduler.GetTriggersOfJob(key, cancellationToken)).FirstOrDefault();
                var state = trigger is null ? TriggerState.None : await scheduler.GetTriggerState(trigger.Key, cancellationToken);
                rows.Add(new JobRow(key, detail?.Description, state == TriggerState.Paused, trigger?.PreviousFireTimeUtc, trigger?.NextFireTimeUtc));
            }

            Jobs = rows;
        }

        var open = db.WorkflowTimers.Where(t => t.FiredAt == null && t.CancelledAt == null);
        TimersPending = await open.CountAsync(cancellationToken);
        TimersOverdue = await open.CountAsync(t => t.DueAt <= now, cancellationToken);
        TimersFired = await db.WorkflowTimers.CountAsync(t => t.FiredAt != null, cancellationToken);
        NextTimers = await (from t in open
                            join r in db.Reports on t.InstanceId equals r.Id
                            orderby t.DueAt
                            select new TimerRow(r.ReferenceNumber, t.Name, t.DueAt)).Take(20).ToListAsync(cancellationToken);
        MessagesPending = await db.OutboxMessages.CountAsync(m => m.SentAt == null, cancellationToken);
        MessagesSent = await db.OutboxMessages.CountAsync(m => m.SentAt != null, cancellationToken);
        Failed = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null && m.Attempts > 0)
            .OrderBy(m => m.CreatedAt).Take(100).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPauseAsync(string job, bool pause, CancellationToken cancellationToken)
    {
        if (!CanAct || !SchedulerEnabled)
        {
            return Forbid();
        }

        var key = new[] { SchedulerSetup.OutboxDelivery, SchedulerSetup.WorkflowTimers }.FirstOrDefault(k => k.Name == job);
        if (key is null)
        {
            return NotFound();
        }

        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await (pause ? scheduler.PauseJob(key, cancellationToken) : scheduler.ResumeJob(key, cancellationToken));
        return Redirect("/backoffice/taken?melding=ok");
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid message, CancellationToken cancellationToken)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages.Where(m => m.Id == message && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        return changed == 0 ? NotFound() : Redirect("/backoffice/taken?melding=ok");
    }
}
