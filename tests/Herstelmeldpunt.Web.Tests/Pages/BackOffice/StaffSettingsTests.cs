using System.Net;
using Herstelmeldpunt.Web.Cases;
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
}

public sealed class StaffSettingsTestsOnSqlite : StaffSettingsTests<SqliteAppFactory>;

public sealed class StaffSettingsTestsOnPostgres : StaffSettingsTests<PostgresAppFactory>;
