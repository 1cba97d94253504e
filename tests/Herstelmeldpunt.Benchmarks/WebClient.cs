using System.Net;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// An HTTP client that behaves like a browser without script against a running node: keeps cookies, sends the
/// hidden fields of the form it read (antiforgery, idempotency key) back with its answers. Staff accounts are made
/// in the database and signed in with password and authenticator code, as a person would.
/// </summary>
public sealed partial class WebClient : IDisposable
{
    private readonly HttpClient http;

    public WebClient(int port)
    {
#pragma warning disable CA2000 // the client owns the handler
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(5),
        };
#pragma warning restore CA2000
    }

    public async Task<(HttpStatusCode Status, string Html, string? Location)> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>Posts the page's hidden fields (of the form posting to <paramref name="action"/> or the first) with these answers.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? Location)> PostAsync(string html, string action, IReadOnlyDictionary<string, string> answers)
    {
        var fields = Hidden(html).Where(f => !answers.ContainsKey(f.Key)).Concat(answers).ToList();
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(action, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>Reads a response to its end without keeping it (a download), returning its length.</summary>
    public async Task<long> DownloadAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        return await CountAsync(response);
    }

    /// <summary>Posts the page's form (as <see cref="PostAsync"/>) and reads the answer to its end without keeping it, returning its length.</summary>
    public async Task<long> PostDownloadAsync(string html, string action, IReadOnlyDictionary<string, string> answers)
    {
        using var content = new FormUrlEncodedContent(Hidden(html).Where(f => !answers.ContainsKey(f.Key)).Concat(answers).ToList());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative)) { Content = content };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return await CountAsync(response);
    }

    private static async Task<long> CountAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static IEnumerable<KeyValuePair<string, string>> Hidden(string html) =>
        InputTag().Matches(html)
            .Select(m => m.Value)
            .Where(tag => tag.Contains("type=\"hidden\"", StringComparison.Ordinal))
            .Select(tag => (Name: Attribute(tag, "name"), Value: Attribute(tag, "value")))
            .Where(a => a.Name is not null)
            .Select(a => new KeyValuePair<string, string>(WebUtility.HtmlDecode(a.Name!), WebUtility.HtmlDecode(a.Value ?? string.Empty)))
            .DistinctBy(f => f.Key); // a page with several forms (sign out in the header) has a token in each: one is sent

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"", RegexOptions.CultureInvariant) is { Success: true } m ? m.Groups["v"].Value : null;

    [GeneratedRegex("<input[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex InputTag();

    /// <summary>An account with these roles and two-step verification on, made in the database (the node made the roles).</summary>
    public static async Task<(string Email, string Password, byte[] Key)> CreateStaffAsync(BenchDatabase database, string role)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string password = "Bench-wachtwoord-2026!";
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@bench.example.nl";
        var keyText = string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32));
        var key = OneTimeAuthenticatorCodes.Base32.Decode(keyText);
        var user = new StaffUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = "Bench " + role,
            TwoFactorEnabled = true,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTime.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<StaffUser>().HashPassword(user, password);
        await using var db = database.NewContext();
        db.Users.Add(user);
        var roleId = db.Roles.Where(r => r.Name == role).Select(r => r.Id).Single();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = keyText });
        await db.SaveChangesAsync();
        return (email, password, key);
    }

    /// <summary>Signs in with the password and the authenticator code of now.</summary>
    public async Task SignInAsync(string email, string password, byte[] key)
    {
        var login = await GetAsync("/backoffice/inloggen");
        var afterPassword = await PostAsync(login.Html, "/backoffice/inloggen", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (afterPassword.Location?.StartsWith("/backoffice/inloggen/code", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"Sign-in refused after the password ({(int)afterPassword.Status}).");
        }

        var codePage = await GetAsync(afterPassword.Location);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var afterCode = await PostAsync(codePage.Html, "/backoffice/inloggen/code", new Dictionary<string, string> { ["Code"] = OneTimeAuthenticatorCodes.Code(key, step) });
        if (afterCode.Status != HttpStatusCode.Redirect || afterCode.Location?.StartsWith("/backoffice/inloggen", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in refused after the code ({(int)afterCode.Status} {afterCode.Location}).");
        }
    }

    /// <summary>
    /// Opens Mijn melding for one report as its reporter does: a one-time link (made in the database, as the portal
    /// stores it: only its hash), its page, the button.
    /// </summary>
    public async Task OpenReporterSessionAsync(BenchDatabase database, Guid reportId)
    {
        ArgumentNullException.ThrowIfNull(database);
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using (var db = database.NewContext())
        {
            db.ReporterAccessTokens.Add(new Web.Reporters.ReporterAccessToken
            {
                Id = Guid.NewGuid(),
                ReportId = reportId,
                TokenHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))),
                CreatedAt = DateTime.UtcNow,
                ExpiresAt = DateTime.UtcNow.AddHours(1),
            });
            await db.SaveChangesAsync();
        }

        var link = await GetAsync("/mijn-melding/link/" + token);
        var opened = await PostAsync(link.Html, "/mijn-melding/link/" + token, new Dictionary<string, string>());
        if (opened.Location != "/mijn-melding")
        {
            throw new InvalidOperationException($"The one-time link did not open Mijn melding ({(int)opened.Status} {opened.Location}).");
        }
    }

    public void Dispose() => http.Dispose();
}
