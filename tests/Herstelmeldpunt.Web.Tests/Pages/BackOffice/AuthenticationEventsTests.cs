using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>Sign-in and account-security events are recorded (audit row and log line) without passwords or codes.</summary>
public abstract class AuthenticationEventsTests(AppFactory app)
{
    private Task<List<AuditEntry>> EventsAsync(string? accountId) =>
        app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorUserId == accountId && a.Action.StartsWith("auth.")).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_sign_in_wrong_passwords_a_lockout_and_a_wrong_code_are_each_recorded_without_what_was_typed()
    {
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.IntakeStaff]);
        await StaffSession.SignInAsync(app, account);

        var client = StaffSession.NewClient(app);
        var afterPassword = await StaffSession.SubmitPasswordAsync(client, account.Email, account.Password);
        var codePage = await client.GetPageAsync(afterPassword.Location!.OriginalString);
        await client.PostFormAsync(codePage, afterPassword.Location.OriginalString, new Dictionary<string, string?> { ["Code"] = "000000" });
        for (var i = 0; i < 5; i++)
        {
            await StaffSession.SubmitPasswordAsync(StaffSession.NewClient(app), account.Email, "Fout-Wachtwoord-" + i);
        }

        await StaffSession.SubmitPasswordAsync(StaffSession.NewClient(app), "niemand@example.nl", "Geheim-123456");

        // Five failures lock the account (the wrong code counts too): then every attempt is a lockout.
        var events = (await EventsAsync(account.Id)).Select(e => e.Action).ToList();
        Assert.Equal(1, events.Count(e => e == AuditActions.SignedIn));
        Assert.Equal(1, events.Count(e => e == AuditActions.SecondFactorFailed));
        Assert.Equal(3, events.Count(e => e == AuditActions.SignInFailed));
        Assert.Equal(2, events.Count(e => e == AuditActions.LockedOut));
        var unknown = Assert.Single(await EventsAsync(null), e => e.Action == AuditActions.SignInFailed);
        Assert.Equal("unknown account", unknown.Subject); // not what was typed: it may be a password in the wrong field
        var written = string.Join('\n', (await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Subject + " " + a.Details).ToListAsync())).Concat(app.Logs.Lines));
        foreach (var secret in new[] { account.Password, "Fout-Wachtwoord-", "000000", "niemand@example.nl", "Geheim-123456" })
        {
            Assert.DoesNotContain(secret, written, StringComparison.Ordinal);
        }

        Assert.Contains(app.Logs.Lines, l => l.Contains(AuditActions.LockedOut, StringComparison.Ordinal) && l.Contains(account.Id, StringComparison.Ordinal));
    }
}

public sealed class AuthenticationEventsTestsOnSqlite(SqliteAppFactory app) : AuthenticationEventsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuthenticationEventsTestsOnPostgres(PostgresAppFactory app) : AuthenticationEventsTests(app), IClassFixture<PostgresAppFactory>;
