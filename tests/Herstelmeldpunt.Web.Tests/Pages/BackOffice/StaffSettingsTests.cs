using System.Net;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>Each member of staff's language and notification choices, on the emails they get.</summary>
public abstract class StaffSettingsTests<TFactory>
    where TFactory : AppFactory, new()
{
    [Fact]
    public async Task Escalations_go_in_each_managers_language_and_not_to_a_manager_who_opted_out()
    {
        await using var app = new TFactory();
        var english = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var quiet = await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]);
        var page = await english.Client.GetPageAsync("/backoffice/account");
        var saved = await english.Client.PostFormAsync(page, "/backoffice/account", new Dictionary<string, string?> { ["Language"] = "en", ["NotifyEscalations"] = "true", ["NotifyAssigned"] = null });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("My account", (await english.Client.GetPageAsync("/backoffice/account")).H1); // the back office follows
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == quiet.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.NotifyEscalations, false)));

        var caseId = await app.FileReportAsync(TestBsn.Next());
        app.Clock.Advance(TimeSpan.FromDays(8));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireDueAsync(CancellationToken.None));
        }

        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "escalation"));
        Assert.Equal(english.Account.Email, mail.ToAddress);
        Assert.StartsWith("Deadline passed", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Screening by intake", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_assigned_member_is_told_once_in_their_language_when_the_decision_deadline_is_near_unless_they_opted_out()
    {
        await using var app = new TFactory();
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var english = await StaffSession.SignInAsNewAsync(app, StaffRoles.CommitteeMember);
        var quiet = await StaffSession.SignInAsNewAsync(app, StaffRoles.CommitteeMember);
        var page = await english.Client.GetPageAsync("/backoffice/account");
        await english.Client.PostFormAsync(page, "/backoffice/account", new Dictionary<string, string?> { ["Language"] = "en", ["NotifyDeadlineSoon"] = "true" });
        page = await quiet.Client.GetPageAsync("/backoffice/account");
        await quiet.Client.PostFormAsync(page, "/backoffice/account", new Dictionary<string, string?> { ["NotifyDeadlineSoon"] = null });
        var told = await CaseWithAsync(app, intake, english);
        var notTold = await CaseWithAsync(app, intake, quiet);

        var dueOn = await app.WithDbAsync(db => db.Set<CaseDeadline>().Where(d => d.CaseId == told).Select(d => d.DueOn).SingleAsync());
        var calendar = app.Services.GetRequiredService<Herstelmeldpunt.Web.Common.WorkingDayCalendar>();
        var warnDay = AmsterdamToday(app);
        while (calendar.AddWorkingDays(warnDay, 5) < dueOn)
        {
            warnDay = warnDay.AddDays(1);
        }

        Assert.Equal(0, await RunAsync(app, warnDay.AddDays(-1)));
        Assert.Equal(1, await RunAsync(app, warnDay));
        Assert.Equal(0, await RunAsync(app, warnDay)); // a second run the same day
        Assert.Equal(0, await RunAsync(app, warnDay.AddDays(1))); // the same deadline is told once

        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Template == "deadline_soon"));
        Assert.Equal(told, mail.CaseId);
        Assert.Equal(english.Account.Email, mail.ToAddress);
        var reference = await app.WithDbAsync(db => db.Reports.Where(r => r.Id == told).Select(r => r.ReferenceNumber).SingleAsync());
        Assert.Equal($"Deadline of case {reference} ends on {dueOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}", mail.Subject);
        Assert.Contains($"The decision deadline of case {reference} ends on", mail.TextBody, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == notTold && m.Template == "deadline_soon")));
    }

    private static async Task<Guid> CaseWithAsync(AppFactory app, StaffSession intake, StaffSession member)
    {
        var bsn = TestBsn.Next();
        await app.AddToRegisterAsync(bsn);
        var caseId = await app.FileReportAsync(bsn);
        Assert.True((await intake.TakeAsync(caseId, "route_to_committee", new Dictionary<string, string?> { ["urgency"] = "High", ["assignee"] = member.Account.Id })).WasApplied());
        return caseId;
    }

    private static DateOnly AmsterdamToday(AppFactory app) => Herstelmeldpunt.Web.Common.AmsterdamTime.Today(app.Clock);

    private static async Task<int> RunAsync(AppFactory app, DateOnly day)
    {
        app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineWarning>().RunAsync(CancellationToken.None);
    }
}

public sealed class StaffSettingsTestsOnSqlite : StaffSettingsTests<SqliteAppFactory>;

public sealed class StaffSettingsTestsOnPostgres : StaffSettingsTests<PostgresAppFactory>;
