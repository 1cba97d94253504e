using System.Net;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>Staff accounts through HTTP: invitation, password, two-factor enrolment and sign-in, lockout, sessions ending on the server.</summary>
public abstract partial class AccountTests(AppFactory app)
{
    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public async Task Invited_member_sets_password_enrols_two_factor_and_then_signs_in_with_a_code()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var email = $"nieuw-{Guid.NewGuid():N}@example.nl";

        // The administrator invites.
        var invite = await admin.Client.GetPageAsync("/backoffice/beheer/accounts/uitnodigen");
        var invited = await admin.Client.PostFormAsync(invite, "/backoffice/beheer/accounts/uitnodigen",
            Fields(("DisplayName", "Nieuwe Collega"), ("Email", email), ("Roles", StaffRoles.IntakeStaff)));
        Assert.Equal(HttpStatusCode.Redirect, invited.Status);

        // One email, with a one-time link, and an audit row.
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddressHash == Herstelmeldpunt.Web.Data.SearchHashes.MailHash(db.Cipher, email)));
        var link = LinkPattern().Match(mail.TextBody).Value;
        Assert.StartsWith("http", link, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccountInvited && a.Subject == email)));

        // The new colleague chooses a password; a weak one is refused with a Dutch message.
        var client = StaffSession.NewClient(app);
        var setPassword = await client.GetPageAsync(new Uri(link).PathAndQuery);
        var weak = await client.PostFormAsync(setPassword, new Uri(link).PathAndQuery, Fields(("Password", "kort"), ("ConfirmPassword", "kort")));
        Assert.Contains("minstens 12 tekens", weak.Html, StringComparison.Ordinal);
        var common = await client.PostFormAsync(setPassword, new Uri(link).PathAndQuery, Fields(("Password", "Password123!"), ("ConfirmPassword", "Password123!")));
        Assert.Contains("wordt veel gebruikt", common.Html, StringComparison.Ordinal);
        var ownName = await client.PostFormAsync(setPassword, new Uri(link).PathAndQuery, Fields(("Password", "Collega-Nieuwe-2026!"), ("ConfirmPassword", "Collega-Nieuwe-2026!")));
        Assert.Contains("bevat uw naam", ownName.Html, StringComparison.Ordinal);
        var set = await client.PostFormAsync(setPassword, new Uri(link).PathAndQuery, Fields(("Password", StaffSession.Password), ("ConfirmPassword", StaffSession.Password)));
        Assert.Equal("/backoffice/inloggen?melding=wachtwoord", set.Location?.OriginalString);

        // The link works once.
        var again = await client.PostFormAsync(setPassword, new Uri(link).PathAndQuery, Fields(("Password", StaffSession.Password + "x"), ("ConfirmPassword", StaffSession.Password + "x")));
        Assert.Contains("Deze link werkt niet meer", again.Html, StringComparison.Ordinal);

        // First sign-in: password only leads to enrolment, and nothing else is reachable.
        var signedIn = await StaffSession.SubmitPasswordAsync(client, email, StaffSession.Password);
        Assert.Equal("/backoffice/account/tweestapsverificatie", signedIn.Location?.OriginalString);
        var elsewhere = await client.GetPageAsync("/backoffice/meldingen");
        Assert.Equal("/backoffice/account/tweestapsverificatie", elsewhere.Location?.OriginalString);

        var enrol = await client.GetPageAsync("/backoffice/account/tweestapsverificatie");
        var key = enrol.Document.QuerySelector("[data-testid=shared-key]")!.TextContent;
        Assert.NotNull(enrol.Document.QuerySelector("img[src^='data:image/svg+xml;base64,']"));
        var wrong = await client.PostFormAsync(enrol, "/backoffice/account/tweestapsverificatie", Fields(("Code", "000000")));
        Assert.Contains("Deze code klopt niet", wrong.Html, StringComparison.Ordinal);
        var enrolled = await client.PostFormAsync(enrol, "/backoffice/account/tweestapsverificatie", Fields(("Code", await Totp.NextCodeAsync(app, email, key))));
        Assert.Equal(10, enrolled.Document.QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        Assert.Equal(HttpStatusCode.OK, (await client.GetPageAsync("/backoffice/meldingen")).Status);

        // Later: password, then a code.
        var account = new StaffAccount(string.Empty, email, StaffSession.Password, key);
        var session = await StaffSession.SignInAsync(app, account);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetPageAsync("/backoffice/meldingen")).Status);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too()
    {
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]);
        var client = StaffSession.NewClient(app);
        for (var i = 0; i < 5; i++)
        {
            var failed = await StaffSession.SubmitPasswordAsync(client, account.Email, "Verkeerd-wachtwoord-1");
            Assert.Equal(HttpStatusCode.OK, failed.Status);
        }

        var locked = await StaffSession.SubmitPasswordAsync(client, account.Email, account.Password);
        Assert.Equal(HttpStatusCode.OK, locked.Status);
        Assert.Contains("tijdelijk geblokkeerd", locked.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_address_and_wrong_password_get_exactly_the_same_answer()
    {
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]);
        var client = StaffSession.NewClient(app);

        var login = await client.GetPageAsync("/backoffice/inloggen");
        async Task<(HtmlPage Page, TimeSpan Took)> TryAsync(string email)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var page = await client.PostFormAsync(login, "/backoffice/inloggen", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = "Wat-dan-ook-123" });
            return (page, watch.Elapsed);
        }

        var unknown = await TryAsync("niemand-" + Guid.NewGuid() + "@example.nl");
        var known = await TryAsync(account.Email);

        Assert.Equal(unknown.Page.Status, known.Page.Status);
        Assert.Equal(unknown.Page.Document.QuerySelector(".error-summary")!.TextContent, known.Page.Document.QuerySelector(".error-summary")!.TextContent);

        // Neither answers before the floor, so the time taken does not tell a known address from an unknown one
        // (the known one did more work: ≈100 ms in the probe). A lower bound: what is asserted is the wait, not a speed.
        Assert.True(unknown.Took >= Herstelmeldpunt.Web.Pages.BackOffice.Account.LoginModel.FailureFloor, $"unknown address answered after {unknown.Took.TotalMilliseconds} ms");
        Assert.True(known.Took >= Herstelmeldpunt.Web.Pages.BackOffice.Account.LoginModel.FailureFloor, $"known address answered after {known.Took.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Copied_session_cookie_is_refused_after_logout()
    {
        var session = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        using var thief = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = app.ClientOptions.BaseAddress });
        thief.DefaultRequestHeaders.Add("Cookie", session.AuthCookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetPageAsync("/backoffice/meldingen")).Status);

        var home = await session.Client.GetPageAsync("/backoffice");
        var loggedOut = await session.Client.PostFormAsync(home, "/backoffice/uitloggen", formSelector: "form[action='/backoffice/uitloggen']");
        Assert.Equal("/backoffice/inloggen?melding=uitgelogd", loggedOut.Location?.OriginalString);

        var replay = await thief.GetPageAsync("/backoffice/meldingen");
        Assert.Equal(HttpStatusCode.Redirect, replay.Status);
        Assert.StartsWith("/backoffice/inloggen", replay.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_change_ends_the_session_and_the_new_roles_apply_at_the_next_sign_in()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var member = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetPageAsync("/backoffice/meldingen/nieuw")).Status);

        var edit = await admin.Client.GetPageAsync($"/backoffice/beheer/accounts/{member.Account.Id}");
        var changed = await admin.Client.PostFormAsync(edit, $"/backoffice/beheer/accounts/{member.Account.Id}?handler=Roles",
            Fields(("Roles", StaffRoles.Manager)), formSelector: "form[action$='handler=Roles']");
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);

        var replay = await member.Client.GetPageAsync("/backoffice/meldingen/nieuw");
        Assert.StartsWith("/backoffice/inloggen", replay.Location!.PathAndQuery(), StringComparison.Ordinal);

        var again = await StaffSession.SignInAsync(app, member.Account);
        var forbidden = await again.Client.GetPageAsync("/backoffice/meldingen/nieuw");
        Assert.StartsWith("/backoffice/geen-toegang", forbidden.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccountRolesChanged && a.Subject == member.Account.Email)));
    }

    [Fact]
    public async Task Disabled_account_loses_its_session_and_cannot_sign_in()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var member = await StaffSession.SignInAsNewAsync(app, StaffRoles.CustomerContact);

        var edit = await admin.Client.GetPageAsync($"/backoffice/beheer/accounts/{member.Account.Id}");
        await admin.Client.PostFormAsync(edit, $"/backoffice/beheer/accounts/{member.Account.Id}?handler=Disable", formSelector: "form[action$='handler=Disable']");

        Assert.Equal(HttpStatusCode.Redirect, (await member.Client.GetPageAsync("/backoffice")).Status);
        var attempt = await StaffSession.SubmitPasswordAsync(StaffSession.NewClient(app), member.Account.Email, member.Account.Password);
        Assert.Contains("tijdelijk geblokkeerd", attempt.Html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccountDisabled && a.Subject == member.Account.Email)));
    }

    [Fact]
    public async Task Two_factor_reset_by_an_administrator_sends_the_member_back_to_enrolment()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var member = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);

        var edit = await admin.Client.GetPageAsync($"/backoffice/beheer/accounts/{member.Account.Id}");
        await admin.Client.PostFormAsync(edit, $"/backoffice/beheer/accounts/{member.Account.Id}?handler=ResetTwoFactor", formSelector: "form[action$='handler=ResetTwoFactor']");

        var client = StaffSession.NewClient(app);
        var signedIn = await StaffSession.SubmitPasswordAsync(client, member.Account.Email, member.Account.Password);
        Assert.Equal("/backoffice/account/tweestapsverificatie", signedIn.Location?.OriginalString);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]);
        string code;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(account.Id))!, 2))!.First();
        }

        async Task<HtmlPage> UseRecoveryCodeAsync()
        {
            var client = StaffSession.NewClient(app);
            await StaffSession.SubmitPasswordAsync(client, account.Email, account.Password);
            var page = await client.GetPageAsync("/backoffice/inloggen/herstelcode");
            return await client.PostFormAsync(page, "/backoffice/inloggen/herstelcode", Fields(("Code", code)));
        }

        Assert.Equal("/backoffice", (await UseRecoveryCodeAsync()).Location?.OriginalString);
        Assert.Contains("al gebruikt", (await UseRecoveryCodeAsync()).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_an_older_code_never_after_a_newer_one()
    {
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]);
        app.Clock.Advance(TimeSpan.FromSeconds(30)); // a step no other test in this class has used for this new account

        async Task<HtmlPage> SignInWithAsync(string code)
        {
            var client = StaffSession.NewClient(app);
            var afterPassword = await StaffSession.SubmitPasswordAsync(client, account.Email, account.Password);
            var page = await client.GetPageAsync(afterPassword.Location!.OriginalString);
            return await client.PostFormAsync(page, afterPassword.Location.OriginalString, Fields(("Code", code)));
        }

        var now = Totp.Code(account.AuthenticatorKey!, app.Clock);
        Assert.Equal("/backoffice", (await SignInWithAsync(now)).Location?.OriginalString);
        var again = await SignInWithAsync(now); // seen over a shoulder, typed within its 30 seconds
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("Deze code klopt niet", again.Html, StringComparison.Ordinal);

        // The next step's code works (the phone runs a little ahead); the previous one, still inside the drift window, no longer does.
        Assert.Equal("/backoffice", (await SignInWithAsync(Totp.Code(account.AuthenticatorKey!, app.Clock, stepOffset: 1))).Location?.OriginalString);
        Assert.Contains("Deze code klopt niet", (await SignInWithAsync(Totp.Code(account.AuthenticatorKey!, app.Clock, stepOffset: -1))).Html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SecondFactorFailed && a.Subject == account.Email)) >= 2);
    }

    [Fact]
    public async Task A_member_changes_their_own_password_other_sessions_end_and_this_one_stays()
    {
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.CustomerContact]);
        var here = await StaffSession.SignInAsync(app, account);
        var elsewhere = await StaffSession.SignInAsync(app, account);
        var page = await here.Client.GetPageAsync("/backoffice/account/wachtwoord-wijzigen");

        var wrong = await here.Client.PostFormAsync(page, "/backoffice/account/wachtwoord-wijzigen", Fields(("CurrentPassword", "niet-mijn-wachtwoord"), ("Password", "Nieuw lang zinnetje 42"), ("ConfirmPassword", "Nieuw lang zinnetje 42")));
        Assert.Contains("Uw huidige wachtwoord klopt niet", wrong.Html, StringComparison.Ordinal);
        var common = await here.Client.PostFormAsync(page, "/backoffice/account/wachtwoord-wijzigen", Fields(("CurrentPassword", account.Password), ("Password", "Password123!"), ("ConfirmPassword", "Password123!")));
        Assert.Contains("wordt veel gebruikt", common.Html, StringComparison.Ordinal);

        var changed = await here.Client.PostFormAsync(page, "/backoffice/account/wachtwoord-wijzigen", Fields(("CurrentPassword", account.Password), ("Password", "Nieuw lang zinnetje 42"), ("ConfirmPassword", "Nieuw lang zinnetje 42")));
        Assert.Equal("/backoffice/account?melding=wachtwoord", changed.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await here.Client.GetPageAsync("/backoffice/meldingen")).Status);
        Assert.StartsWith("/backoffice/inloggen", (await elsewhere.Client.GetPageAsync("/backoffice/meldingen")).Location!.PathAndQuery(), StringComparison.Ordinal);

        Assert.NotEqual("/backoffice/inloggen/code", (await StaffSession.SubmitPasswordAsync(StaffSession.NewClient(app), account.Email, account.Password)).Location?.OriginalString?.Split('?')[0]);
        await StaffSession.SignInAsync(app, account with { Password = "Nieuw lang zinnetje 42" });
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PasswordSet && a.Subject == account.Email)));
    }

    [Fact]
    public async Task A_member_replaces_their_own_authenticator_and_the_old_key_stops_working()
    {
        var account = await StaffSession.CreateAccountAsync(app, [StaffRoles.Manager]);
        var session = await StaffSession.SignInAsync(app, account);
        var page = await session.Client.GetPageAsync("/backoffice/account/authenticator-vervangen");
        var wrong = await session.Client.PostFormAsync(page, "/backoffice/account/authenticator-vervangen", Fields(("CurrentPassword", "fout")));
        Assert.Contains("Uw huidige wachtwoord klopt niet", wrong.Html, StringComparison.Ordinal);

        var reset = await session.Client.PostFormAsync(page, "/backoffice/account/authenticator-vervangen", Fields(("CurrentPassword", account.Password)));
        Assert.Equal("/backoffice/account/tweestapsverificatie", reset.Location?.OriginalString);
        Assert.Equal("/backoffice/account/tweestapsverificatie", (await session.Client.GetPageAsync("/backoffice/meldingen")).Location?.OriginalString);

        var enrol = await session.Client.GetPageAsync("/backoffice/account/tweestapsverificatie");
        var newKey = enrol.Document.QuerySelector("[data-testid=shared-key]")!.TextContent;
        Assert.NotEqual(account.AuthenticatorKey, newKey.Replace(" ", string.Empty, StringComparison.Ordinal));
        var enrolled = await session.Client.PostFormAsync(enrol, "/backoffice/account/tweestapsverificatie", Fields(("Code", await Totp.NextCodeAsync(app, account.Email, newKey))));
        Assert.Equal(10, enrolled.Document.QuerySelectorAll("[data-testid=recovery-codes] li").Length);

        await Assert.ThrowsAsync<InvalidOperationException>(() => StaffSession.SignInAsync(app, account)); // the old key
        await StaffSession.SignInAsync(app, account with { AuthenticatorKey = newKey });
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_or_lose_the_role()
    {
        // Each test class has its own database; make sure this administrator is the only one.
        await app.WithDbAsync(async db =>
        {
            var adminRole = await db.Roles.SingleAsync(r => r.Name == StaffRoles.Administrator);
            var others = db.UserRoles.Where(ur => ur.RoleId == adminRole.Id).Select(ur => ur.UserId);
            return await db.Users.Where(u => others.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        });
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);

        var edit = await admin.Client.GetPageAsync($"/backoffice/beheer/accounts/{admin.Account.Id}");
        var disable = await admin.Client.PostFormAsync(edit, $"/backoffice/beheer/accounts/{admin.Account.Id}?handler=Disable", formSelector: "form[action$='handler=Disable']");
        var demote = await admin.Client.PostFormAsync(edit, $"/backoffice/beheer/accounts/{admin.Account.Id}?handler=Roles", Fields(("Roles", StaffRoles.Manager)), formSelector: "form[action$='handler=Roles']");

        Assert.Contains("laatste actieve beheerder", disable.Html, StringComparison.Ordinal);
        Assert.Contains("laatste actieve beheerder", demote.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetPageAsync("/backoffice/beheer/accounts")).Status);
    }

    [Fact]
    public async Task Create_admin_command_prints_a_one_time_link_and_no_password()
    {
        var email = $"eerste-{Guid.NewGuid():N}@example.nl";
        using var output = new StringWriter();

        var exit = await CreateAdministratorCommand.RunAsync(app.Services, ["create-admin", email, "Eerste Beheerder"], output);

        Assert.Equal(0, exit);
        var link = LinkPattern().Match(output.ToString()).Value;
        var client = StaffSession.NewClient(app);
        var page = await client.GetPageAsync(new Uri(link).PathAndQuery);
        var set = await client.PostFormAsync(page, new Uri(link).PathAndQuery, Fields(("Password", StaffSession.Password), ("ConfirmPassword", StaffSession.Password)));
        Assert.Equal("/backoffice/inloggen?melding=wachtwoord", set.Location?.OriginalString);
        Assert.Equal(1, await CreateAdministratorCommand.RunAsync(app.Services, ["create-admin", email], new StringWriter()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AdministratorCreated && a.Subject == email && a.ActorUserId == null)));
    }

    [GeneratedRegex(@"https?://\S+wachtwoord-instellen\S+")]
    private static partial Regex LinkPattern();
}

public sealed class AccountTestsOnSqlite(SqliteAppFactory app) : AccountTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AccountTestsOnPostgres(PostgresAppFactory app) : AccountTests(app), IClassFixture<PostgresAppFactory>;
