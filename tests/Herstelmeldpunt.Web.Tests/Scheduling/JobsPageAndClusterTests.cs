using System.Diagnostics;
using System.Net;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Scheduling;

public sealed class JobsPageTests
{
    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition() && watch.Elapsed < limit)
        {
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_administrator_pauses_and_resumes_email_delivery_and_a_manager_may_only_look()
    {
        await using var app = new SqliteAppFactory { EnableScheduler = true, UseSystemClock = true };
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var page = await admin.Client.GetPageAsync("/backoffice/taken");
        Assert.Equal(["outbox-delivery", "workflow-timers"], page.Document.QuerySelectorAll("[data-testid=jobs] tr[data-job]").Select(r => r.GetAttribute("data-job")));

        var paused = await admin.Client.PostFormAsync(page, "/backoffice/taken?handler=Pause", formSelector: "tr[data-job='outbox-delivery'] form");
        Assert.Equal(HttpStatusCode.Redirect, paused.Status);
        Assert.Contains("Gepauzeerd", (await admin.Client.GetPageAsync("/backoffice/taken")).Document.QuerySelector("tr[data-job='outbox-delivery']")!.TextContent, StringComparison.Ordinal);

        await app.FileReportAsync(TestBsn.Next());
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SentAt != null)), "paused delivery sent mail");

        page = await admin.Client.GetPageAsync("/backoffice/taken");
        await admin.Client.PostFormAsync(page, "/backoffice/taken?handler=Pause", formSelector: "tr[data-job='outbox-delivery'] form");
        await WaitAsync(() => app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), TimeSpan.FromSeconds(20));
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), "resumed delivery did not send");

        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var view = await manager.Client.GetPageAsync("/backoffice/taken");
        Assert.Equal(HttpStatusCode.OK, view.Status);
        Assert.Null(view.Document.QuerySelector("[data-testid=jobs] form"));
        var token = view.FormFields("form[action='/backoffice/uitloggen']").Single(f => f.Key == "__RequestVerificationToken");
        var forced = await manager.Client.PostFieldsAsync("/backoffice/taken?handler=Pause", [token, new("job", "outbox-delivery"), new("pause", "true")]);
        Assert.StartsWith("/backoffice/geen-toegang", forced.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Contains("Actief", (await admin.Client.GetPageAsync("/backoffice/taken")).Document.QuerySelector("tr[data-job='outbox-delivery']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_message_is_listed_and_an_administrator_can_retry_it_now()
    {
        await using var app = new SqliteAppFactory();
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var id = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = id,
                IdempotencyKey = "test:" + id,
                ToAddress = "x@example.nl",
                Subject = "Mislukt bericht",
                TextBody = "x",
                CreatedAt = AppFactory.DefaultNow.UtcDateTime,
                NextAttemptAt = AppFactory.DefaultNow.UtcDateTime.AddHours(1),
                Attempts = 3,
                LastError = "Connection refused",
            });
            return db.SaveChangesAsync();
        });

        var page = await admin.Client.GetPageAsync("/backoffice/taken");
        Assert.Contains("Connection refused", page.Document.QuerySelector("[data-testid=failed-messages]")!.TextContent, StringComparison.Ordinal);
        await admin.Client.PostFormAsync(page, "/backoffice/taken?handler=Retry", formSelector: "[data-testid=failed-messages] form");

        Assert.Equal(AppFactory.DefaultNow.UtcDateTime, await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.NextAttemptAt).SingleAsync()));
    }
}

/// <summary>Two app instances on one PostgreSQL database: Quartz clusters them, and each timer fires once.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task Two_app_instances_on_one_database_fire_every_due_timer_exactly_once()
    {
        using var database = PostgresDatabase.Create();
        await using var first = new SharedPostgresAppFactory(database.ConnectionString) { EnableScheduler = true, UseSystemClock = true };
        var manager = await StaffSession.CreateAccountAsync(first, [StaffRoles.Manager]);
        await using var second = new SharedPostgresAppFactory(database.ConnectionString) { EnableScheduler = true, UseSystemClock = true };
        _ = second.Server; // start the second node

        // Twenty cases whose screening deadline has passed.
        var cases = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            cases.Add(await first.FileReportAsync(TestBsn.Next()));
        }

        await first.WithDbAsync(db => db.WorkflowTimers.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, t => t.DueAt.AddDays(-30))));

        var watch = Stopwatch.StartNew();
        while (await first.WithDbAsync(db => db.WorkflowTimers.AnyAsync(t => t.FiredAt == null)) && watch.Elapsed < TimeSpan.FromSeconds(40))
        {
            await Task.Delay(250);
        }

        Assert.False(await first.WithDbAsync(db => db.WorkflowTimers.AnyAsync(t => t.FiredAt == null)), "not every timer fired within 40 s");
        var escalations = await first.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith("escalation:")).Select(m => m.IdempotencyKey).ToListAsync());
        Assert.Equal(20, escalations.Count); // one per timer for the one manager: none twice, none lost
        Assert.All(escalations, k => Assert.EndsWith(manager.Id, k, StringComparison.Ordinal));
        var nodes = await first.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM qrtz_scheduler_state";
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.Equal(2, nodes);
    }
}
