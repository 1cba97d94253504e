using System.Diagnostics;
using System.Net;
using Hangfire;
using Hangfire.Storage;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Scheduling;

/// <summary>Hangfire's dashboard in the back office, with the page of our own for email and deadlines.</summary>
public sealed class JobsDashboardTests
{
    private const string OwnPage = "/backoffice/taken/herstelmeldpunt";

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition() && watch.Elapsed < limit)
        {
            await Task.Delay(200);
        }
    }

    /// <summary>A dashboard command as Hangfire's script sends it: a POST with the antiforgery token in a header.</summary>
    private static async Task<HttpStatusCode> CommandAsync(HttpClient client, HtmlPage page, string path)
    {
        var header = page.Document.QuerySelector("meta[name=csrf-header]")!.GetAttribute("content")!;
        var token = page.Document.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(header, token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task An_administrator_pauses_and_resumes_email_delivery_and_a_manager_may_only_look()
    {
        await using var app = new SqliteAppFactory { EnableScheduler = true, UseSystemClock = true };
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);

        var recurring = await admin.Client.GetPageAsync("/backoffice/taken/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.Status);
        Assert.Contains(BackgroundJobs.TimerSweepId, recurring.Html, StringComparison.Ordinal);
        Assert.Contains(BackgroundJobs.OutboxSweepId, recurring.Html, StringComparison.Ordinal);

        var page = await admin.Client.GetPageAsync(OwnPage);
        Assert.Equal(["outbox-delivery", "workflow-timers", "webhook-delivery"], page.Document.QuerySelectorAll("[data-testid=sweeps] tr[data-job]").Select(r => r.GetAttribute("data-job")));
        Assert.Equal(HttpStatusCode.NoContent, await CommandAsync(admin.Client, page, OwnPage + "/pause/outbox-delivery"));
        Assert.Contains("Gepauzeerd", (await admin.Client.GetPageAsync(OwnPage)).Document.QuerySelector("tr[data-job='outbox-delivery']")!.TextContent, StringComparison.Ordinal);

        await app.FileReportAsync(TestBsn.Next());
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SentAt != null)), "paused delivery sent mail");

        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var view = await manager.Client.GetPageAsync(OwnPage);
        Assert.Equal(HttpStatusCode.OK, view.Status);
        Assert.Empty(view.Document.QuerySelectorAll("[data-ajax]"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CommandAsync(manager.Client, view, OwnPage + "/resume/outbox-delivery"));
        Assert.True(await app.WithDbAsync(db => db.Set<JobPause>().AnyAsync()), "a manager resumed a sweep");

        page = await admin.Client.GetPageAsync(OwnPage);
        Assert.Equal(HttpStatusCode.NoContent, await CommandAsync(admin.Client, page, OwnPage + "/resume/outbox-delivery"));
        await WaitAsync(() => app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), TimeSpan.FromSeconds(20));
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null)), "resumed delivery did not send");
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Subject == "outbox-delivery")));
    }

    [Fact]
    public async Task Staff_without_the_jobs_role_and_anonymous_visitors_do_not_reach_the_dashboard()
    {
        await using var app = new SqliteAppFactory();
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var denied = await intake.Client.GetPageAsync("/backoffice/taken/recurring");
        Assert.StartsWith("/backoffice/geen-toegang", denied.Location!.PathAndQuery(), StringComparison.Ordinal);

        var anonymous = await StaffSession.NewClient(app).GetPageAsync(OwnPage);
        Assert.StartsWith("/backoffice/inloggen", anonymous.Location!.PathAndQuery(), StringComparison.Ordinal);

        // Signed in with a password but without two-step verification: not yet.
        var fullySignedIn = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.Administrator], twoFactor: false);
        var client = StaffSession.NewClient(app);
        await StaffSession.SubmitPasswordAsync(client, account.Email, account.Password);
        var notYet = await client.GetPageAsync(OwnPage);
        Assert.NotEqual(HttpStatusCode.OK, notYet.Status);
        Assert.Equal(HttpStatusCode.OK, (await fullySignedIn.Client.GetPageAsync(OwnPage)).Status);
    }

    [Fact]
    public async Task Refused_and_retrying_mail_is_listed_with_the_reason_and_an_administrator_can_send_it_again()
    {
        await using var app = new SqliteAppFactory();
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var refused = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = refused,
                IdempotencyKey = "test:" + refused,
                ToAddress = "x@example.nl",
                Subject = "Mislukt bericht",
                TextBody = "x",
                CreatedAt = AppFactory.DefaultNow.UtcDateTime,
                NextAttemptAt = AppFactory.DefaultNow.UtcDateTime,
                FailedAt = AppFactory.DefaultNow.UtcDateTime,
                Attempts = 1,
                LastError = "550 Mailbox unavailable",
            });
            return db.SaveChangesAsync();
        });

        var page = await admin.Client.GetPageAsync(OwnPage);
        var row = page.Document.QuerySelector($"[data-testid=failed-messages] tr[data-message='{refused}']")!;
        Assert.Contains("550 Mailbox unavailable", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Geweigerd", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, await CommandAsync(admin.Client, page, $"{OwnPage}/retry/{refused}"));

        var message = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == refused));
        Assert.Null(message.FailedAt);
        Assert.Equal(AppFactory.DefaultNow.UtcDateTime, message.NextAttemptAt);
        Assert.Equal(1, await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
    }
}

/// <summary>Two app instances on one PostgreSQL database: Hangfire runs on both, and each timer fires once.</summary>
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

        // Sixty cases whose screening deadline has passed.
        var cases = new List<Guid>();
        for (var i = 0; i < 60; i++)
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
        Assert.Equal(60, escalations.Count); // one per timer for the one manager: none twice, none lost
        Assert.All(escalations, k => Assert.EndsWith(manager.Id, k, StringComparison.Ordinal));

        // Both nodes run Hangfire's two servers (timers, mail) against the same storage.
        using var connection = first.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal([BackgroundJobs.ConversationReminderId, BackgroundJobs.DeadlineWarningId, BackgroundJobs.EstimateWatchId, BackgroundJobs.FiguresId, BackgroundJobs.IntakeDraftCleanupId, BackgroundJobs.OutboxSweepId, BackgroundJobs.ParliamentReportId, BackgroundJobs.PromiseWatchId, BackgroundJobs.RetentionId, BackgroundJobs.WebhookSweepId, BackgroundJobs.TimerSweepId], connection.GetRecurringJobs().Select(j => j.Id).Order(StringComparer.Ordinal)); // registered by both nodes, stored once
        var monitoring = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(4, monitoring.Servers().Count);
    }
}
