using System.Diagnostics;
using Hangfire;
using Hangfire.Storage;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Scheduling;

/// <summary>Workflow timers firing (once), escalations to managers, and Hangfire really running the sweeps.</summary>
public abstract class TimerAndSchedulerTests<TFactory>
    where TFactory : AppFactory, new()
{
    private static async Task<int> FireDueAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_missed_screening_deadline_fires_once_escalates_to_the_managers_worklist_and_mails_each_manager()
    {
        await using var app = new TFactory();
        var managerAccount = await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]);
        var caseId = await app.FileReportAsync(TestBsn.Next());

        Assert.Equal(0, await FireDueAsync(app)); // not due yet
        app.Clock.Advance(TimeSpan.FromDays(8)); // past five working days
        Assert.Equal(1, await FireDueAsync(app));
        Assert.Equal(0, await FireDueAsync(app)); // fires once

        var timer = await app.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == caseId && t.Name == "screening_deadline"));
        Assert.NotNull(timer.FiredAt);
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.IdempotencyKey == $"escalation:{timer.Id}:{managerAccount.Id}"));
        var manager = await StaffSession.SignInAsync(app, managerAccount); // eight days later: a new session
        Assert.Contains("Termijn verlopen", mail.Subject, StringComparison.Ordinal);
        var worklist = await manager.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.Contains($"/backoffice/meldingen/{caseId}", worklist.Html, StringComparison.Ordinal);
        Assert.NotNull(worklist.Document.QuerySelector("[data-testid=overdue]"));
    }

    [Fact]
    public async Task A_timer_of_a_state_that_was_left_never_fires()
    {
        await using var app = new TFactory();
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var caseId = await app.FileReportAsync(TestBsn.Next());
        Assert.True((await intake.TakeAsync(caseId, "withdraw", note: "Ingetrokken.")).WasApplied());

        app.Clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(0, await FireDueAsync(app));
        Assert.Null((await app.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == caseId))).FiredAt);
    }

    [Fact]
    public async Task Two_sweeps_running_at_once_fire_each_of_many_due_timers_once()
    {
        await using var app = new TFactory();
        var managers = new[] { await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]), await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]) };
        for (var i = 0; i < 30; i++)
        {
            await app.FileReportAsync(TestBsn.Next());
        }

        // Ten times as many timers as cases: the batch size (200) is passed more than once.
        await app.WithDbAsync(async db =>
        {
            var template = await db.WorkflowTimers.AsNoTracking().ToListAsync();
            foreach (var timer in template)
            {
                for (var copy = 0; copy < 9; copy++)
                {
                    db.WorkflowTimers.Add(new Herstelmeldpunt.Workflow.Engine.WorkflowTimer
                    {
                        Id = Guid.NewGuid(),
                        InstanceId = timer.InstanceId,
                        State = timer.State,
                        Name = timer.Name,
                        DueAt = timer.DueAt.AddMinutes(copy),
                        FiresAction = timer.FiresAction,
                        CreatedAt = timer.CreatedAt,
                    });
                }
            }

            return await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromDays(30));

        var runs = await Task.WhenAll(FireDueAsync(app), FireDueAsync(app));

        Assert.Equal(300, runs.Sum());
        Assert.Equal(0, await app.WithDbAsync(db => db.WorkflowTimers.CountAsync(t => t.FiredAt == null)));
        Assert.Equal(600, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith("escalation:"))));
        foreach (var manager in managers)
        {
            Assert.Equal(300, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddressHash == Herstelmeldpunt.Web.Data.SearchHashes.MailHash(db.Cipher, manager.Email))));
        }
    }

    [Fact]
    public async Task Hangfire_runs_the_recurring_sweeps_and_delivers_the_receipt()
    {
        // Hangfire has no TimeProvider: here time must really pass, so the app's clock is the real one.
        await using var app = new TFactory { EnableScheduler = true, UseSystemClock = true };
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id);
            Assert.Equal(BackgroundJobs.TimersQueue, recurring[BackgroundJobs.TimerSweepId].Job.Queue);
            Assert.Equal(BackgroundJobs.MailQueue, recurring[BackgroundJobs.OutboxSweepId].Job.Queue);
        }

        await app.FileReportAsync(TestBsn.Next());

        var watch = Stopwatch.StartNew();
        while (!await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SentAt != null)) && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(250);
        }

        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)),
            "the receipt was not delivered by the scheduled job within 30 s:\n" + string.Join('\n', app.Logs.Lines.Where(l => l.Contains("Hangfire", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)).TakeLast(12)));
        Assert.True(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "mail-pickup"), "*.eml").Any());
    }
}

public sealed class TimerAndSchedulerTestsOnSqlite : TimerAndSchedulerTests<SqliteAppFactory>;

public sealed class TimerAndSchedulerTestsOnPostgres : TimerAndSchedulerTests<PostgresAppFactory>;
