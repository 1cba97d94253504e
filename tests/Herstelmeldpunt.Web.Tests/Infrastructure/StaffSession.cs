using System.Net;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>A member of staff's account as a test knows it.</summary>
public sealed record StaffAccount(string Id, string Email, string Password, string? AuthenticatorKey);

/// <summary>
/// A signed-in member of staff: a client with real cookies, signed in through the real pages
/// (password, then an authenticator code). <see cref="AuthCookie"/> is the session cookie, for tests
/// that replay a copy of it.
/// </summary>
public sealed class StaffSession
{
    public const string Password = "Herstel-Wachtwoord-2026!";

    private StaffSession(HttpClient client, StaffAccount account, string authCookie)
    {
        Client = client;
        Account = account;
        AuthCookie = authCookie;
    }

    public HttpClient Client { get; }

    public StaffAccount Account { get; }

    public string AuthCookie { get; }

    /// <summary>Creates an account directly (test arrangement) with a password and, unless told not to, two-factor authentication on.</summary>
    public static async Task<StaffAccount> CreateAccountAsync(AppFactory app, string[] roles, bool twoFactor = true, string? email = null, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        email ??= $"staff-{Guid.NewGuid():N}@example.nl";
        var user = new StaffUser { UserName = email, Email = email, DisplayName = displayName ?? "Test " + string.Join("/", roles), EmailConfirmed = true, LockoutEnabled = true };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRolesAsync(user, roles));
        string? key = null;
        if (twoFactor)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return new StaffAccount(user.Id, email, Password, key);
    }

    public static async Task<StaffSession> SignInAsNewAsync(AppFactory app, params string[] roles) =>
        await SignInAsync(app, await CreateAccountAsync(app, roles));

    public static HttpClient NewClient(AppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = app.ClientOptions.BaseAddress });
    }

    /// <summary>Password, then the code from the authenticator (the account must have 2FA on).</summary>
    public static async Task<StaffSession> SignInAsync(AppFactory app, StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var client = NewClient(app);
        var afterPassword = await SubmitPasswordAsync(client, account.Email, account.Password);
        if (afterPassword.Location?.OriginalString.StartsWith("/backoffice/inloggen/code", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"Expected the code step after the password, got {(int)afterPassword.Status} {afterPassword.Location}: {afterPassword.Document.QuerySelector(".error-summary")?.TextContent}");
        }

        var codePage = await client.GetPageAsync(afterPassword.Location.OriginalString);
        var fields = codePage.FormFields();
        fields.RemoveAll(f => f.Key == "Code");
        fields.Add(new("Code", await Totp.NextCodeAsync(app, account.Email, account.AuthenticatorKey!)));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(afterPassword.Location.OriginalString, UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The code was not accepted: {(int)response.StatusCode}");
        }

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hmp-staff=", StringComparison.Ordinal));
        return new StaffSession(client, account, cookie.Split(';')[0]);
    }

    /// <summary>Posts the sign-in form; returns the answer without following it.</summary>
    public static async Task<HtmlPage> SubmitPasswordAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var login = await client.GetPageAsync("/backoffice/inloggen");
        return await client.PostFormAsync(login, "/backoffice/inloggen", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
