using System.Globalization;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// Hangfire's dashboard at /backoffice/taken, behind the back office's sign-in with two-step
/// verification (policy <see cref="Policies.Jobs"/>): administrators may act (retry, delete, trigger,
/// pause), managers only look (Hangfire answers 401 to their commands). One page of our own inside it,
/// "E-mail en termijnen", shows what Hangfire cannot know: the outbox (waiting, retrying and refused
/// mail with the server's reason) and the workflow timers, with pause and retry.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/backoffice/taken";
    private const string PagePath = "/herstelmeldpunt";
    private static readonly Lock Gate = new();
    private static bool registered;

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RegisterOwnPage();
        return endpoints.MapHangfireDashboardWithAuthorizationPolicy(Policies.Jobs, Path, new DashboardOptions
        {
            AppPath = "/backoffice",
            DashboardTitle = "Herstelmeldpunt",
            DisplayStorageConnectionString = false,
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(StaffRoles.Administrator),
        }, endpoints.ServiceProvider.GetRequiredService<JobStorage>());
    }

    /// <summary>Hangfire's routes and menu are process-wide: add ours once.</summary>
    private static void RegisterOwnPage()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            DashboardRoutes.AddStylesheet(typeof(JobsDashboard).Assembly, "Herstelmeldpunt.Web.Scheduling.Dashboard.accessible.css");
            DashboardRoutes.AddJavaScript(typeof(JobsDashboard).Assembly, "Herstelmeldpunt.Web.Scheduling.Dashboard.accessible.js");
            DashboardRoutes.Routes.AddRazorPage(PagePath, _ => new OutboxAndTimersPage());
            DashboardRoutes.Routes.AddCommand(PagePath + "/pause/(?<job>[a-z-]+)", context => SetPause(context, pause: true));
            DashboardRoutes.Routes.AddCommand(PagePath + "/resume/(?<job>[a-z-]+)", context => SetPause(context, pause: false));
            DashboardRoutes.Routes.AddCommand(PagePath + "/retry/(?<id>[0-9a-f-]{36})", Retry);
            NavigationMenu.Items.Add(page => new MenuItem(Text(page.Context, "Jobs.Page"), page.Url.To(PagePath))
            {
                Active = page.RequestPath.StartsWith(PagePath, StringComparison.Ordinal),
            });
            registered = true;
        }
    }

    private static string Text(DashboardContext context, string key) =>
        context.GetHttpContext().RequestServices.GetRequiredService<IStringLocalizer<Program>>()[key];

    private static bool SetPause(DashboardContext context, bool pause)
    {
        var job = context.UriMatch.Groups["job"].Value;
        if (!BackgroundJobs.Sweeps.Contains(job))
        {
            return false;
        }

        var http = context.GetHttpContext();
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var existing = db.Set<JobPause>().Find(job);
        if (pause && existing is null)
        {
            db.Set<JobPause>().Add(new JobPause { Job = job, PausedAt = clock.GetUtcNow().UtcDateTime, PausedBy = StaffActor.From(http.User).Name });
        }
        else if (!pause && existing is not null)
        {
            db.Set<JobPause>().Remove(existing);
        }

        Audit.AuditLog.Record(db, clock, http.User, pause ? Audit.AuditActions.JobPaused : Audit.AuditActions.JobResumed, job);
        db.SaveChanges();
        return true;
    }

    private static bool Retry(DashboardContext context)
    {
        var id = Guid.Parse(context.UriMatch.Groups["id"].Value, CultureInfo.InvariantCulture);
        var http = context.GetHttpContext();
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = db.OutboxMessages.Where(m => m.Id == id && m.SentAt == null)
            .ExecuteUpdate(s => s.SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.FailedAt, (DateTime?)null));
        if (changed == 1)
        {
            Audit.AuditLog.Record(db, clock, http.User, Audit.AuditActions.EmailRetried, id.ToString());
            db.SaveChanges();
        }

        return changed == 1;
    }

    /// <summary>Hangfire renders its pages synchronously; the queries here read partial indexes of open work only.</summary>
    private sealed class OutboxAndTimersPage : RazorPage
    {
        public override void Execute()
        {
            var http = Context.GetHttpContext();
            var services = http.RequestServices;
            var db = services.GetRequiredService<AppDbContext>();
            var t = services.GetRequiredService<IStringLocalizer<Program>>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            Layout = new LayoutPage(t["Jobs.Page"]);

            var pauses = db.Set<JobPause>().AsNoTracking().ToDictionary(p => p.Job);
            var pendingTimers = db.WorkflowTimers.Where(x => x.FiredAt == null && x.CancelledAt == null);
            var timersPending = pendingTimers.Count();
            var timersOverdue = pendingTimers.Count(x => x.DueAt <= now);
            var unsent = db.OutboxMessages.Where(m => m.SentAt == null && m.FailedAt == null);
            var waiting = unsent.Count();
            var retrying = unsent.Count(m => m.Attempts > 0);
            var oldest = unsent.Min(m => (DateTime?)m.CreatedAt);
            // Two narrow reads instead of one OR over the whole outbox: refused mail (its own partial
            // index) and mail being retried (the senders' index of unsent mail).
            var problems = db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt).Take(100)
                .Concat(unsent.AsNoTracking().Where(m => m.Attempts > 0).OrderByDescending(m => m.CreatedAt).Take(100))
                .Select(m => new { m.Id, m.Subject, m.Template, m.Attempts, m.LastError, m.FailedAt, m.NextAttemptAt, m.CaseId, m.CreatedAt })
                .ToList().OrderByDescending(m => m.CreatedAt).Take(100).ToList();

            WriteLiteral("<div class=\"row\"><div class=\"col-md-12\">");
            WriteLiteral("<h1 class=\"page-header\">"); Write(t["Jobs.Page"]); WriteLiteral("</h1>");
            WriteLiteral("<p>"); Write(t[IsReadOnly ? "Jobs.LeadReadOnly" : "Jobs.LeadAdmin"]); WriteLiteral("</p>");

            WriteLiteral("<h2>"); Write(t["Jobs.Scheduled"]); WriteLiteral("</h2><table class=\"table\" data-testid=\"sweeps\"><thead><tr><th scope=\"col\">");
            Write(t["Jobs.Job"]); WriteLiteral("</th><th scope=\"col\">"); Write(t["Accounts.State"]); WriteLiteral("</th>");
            if (!IsReadOnly)
            {
                WriteLiteral("<th scope=\"col\">"); Write(t["Accounts.Actions"]); WriteLiteral("</th>");
            }

            WriteLiteral("</tr></thead><tbody>");
            foreach (var job in BackgroundJobs.Sweeps)
            {
                var paused = pauses.TryGetValue(job, out var p);
                WriteLiteral($"<tr data-job=\"{job}\"><td>"); Write(t["Jobs.Sweep." + job]); WriteLiteral(" <code>"); Write(job); WriteLiteral("</code></td><td>");
                Write(paused ? $"{t["Jobs.Paused"]} ({p!.PausedBy}, {AmsterdamTime.Format(p.PausedAt)})" : t["Jobs.Running"].Value);
                WriteLiteral("</td>");
                if (!IsReadOnly)
                {
                    WriteLiteral("<td><button type=\"button\" class=\"btn btn-sm btn-default\" data-ajax=\"");
                    Write(Url.To($"{PagePath}/{(paused ? "resume" : "pause")}/{job}"));
                    WriteLiteral("\">"); Write(t[paused ? "Jobs.Resume" : "Jobs.Pause"]); WriteLiteral("</button></td>");
                }

                WriteLiteral("</tr>");
            }

            WriteLiteral("</tbody></table>");

            WriteLiteral("<h2>"); Write(t["Jobs.Timers"]); WriteLiteral("</h2><dl class=\"dl-horizontal\" data-testid=\"timer-counts\">");
            Row(t["Jobs.TimersPending"], timersPending);
            Row(t["Jobs.TimersOverdue"], timersOverdue);
            WriteLiteral("</dl>");

            WriteLiteral("<h2>"); Write(t["Jobs.Outbox"]); WriteLiteral("</h2><dl class=\"dl-horizontal\" data-testid=\"outbox-counts\">");
            Row(t["Jobs.MessagesPending"], waiting);
            Row(t["Jobs.MessagesRetrying"], retrying);
            Row(t["Jobs.OldestWaiting"], oldest is { } o ? AmsterdamTime.Format(o) : "–");
            WriteLiteral("</dl>");

            if (problems.Count == 0)
            {
                WriteLiteral("<p>"); Write(t["Jobs.NoFailures"]); WriteLiteral("</p>");
            }
            else
            {
                WriteLiteral("<table class=\"table\" data-testid=\"failed-messages\"><caption>"); Write(t["Jobs.Failed"]); WriteLiteral("</caption><thead><tr>");
                foreach (var heading in new[] { "Jobs.Subject", "Accounts.State", "Jobs.Attempts", "Jobs.LastError", "Jobs.NextAttempt" })
                {
                    WriteLiteral("<th scope=\"col\">"); Write(t[heading]); WriteLiteral("</th>");
                }

                if (!IsReadOnly)
                {
                    WriteLiteral("<th scope=\"col\">"); Write(t["Accounts.Actions"]); WriteLiteral("</th>");
                }

                WriteLiteral("</tr></thead><tbody>");
                foreach (var m in problems)
                {
                    WriteLiteral($"<tr data-message=\"{m.Id}\"><td>"); Write(m.Subject);
                    if (m.CaseId is { } caseId)
                    {
                        WriteLiteral($" (<a href=\"/backoffice/meldingen/{caseId}\">"); Write(t["Jobs.Case"]); WriteLiteral("</a>)");
                    }

                    WriteLiteral("</td><td>"); Write(t[m.FailedAt is null ? "Jobs.Retrying" : "Jobs.Refused"]);
                    WriteLiteral("</td><td>"); Write(m.Attempts);
                    WriteLiteral("</td><td>"); Write(m.LastError);
                    WriteLiteral("</td><td>"); Write(m.FailedAt is null ? AmsterdamTime.Format(m.NextAttemptAt) : "–"); WriteLiteral("</td>");
                    if (!IsReadOnly)
                    {
                        WriteLiteral("<td><button type=\"button\" class=\"btn btn-sm btn-default\" data-ajax=\"");
                        Write(Url.To($"{PagePath}/retry/{m.Id}"));
                        WriteLiteral("\">"); Write(t["Jobs.RetryNow"]); WriteLiteral("</button></td>");
                    }

                    WriteLiteral("</tr>");
                }

                WriteLiteral("</tbody></table>");
            }

            WriteLiteral("</div></div>");
        }

        private void Row(string label, object value)
        {
            WriteLiteral("<dt>"); Write(label); WriteLiteral("</dt><dd>"); Write(value); WriteLiteral("</dd>");
        }
    }
}
