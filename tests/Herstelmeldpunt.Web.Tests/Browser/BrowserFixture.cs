using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Herstelmeldpunt.Web.Tests.Browser;

/// <summary>The app on a real loopback port (Kestrel, SQLite) and Debian's headless Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public SqliteAppFactory App { get; } = new();

    /// <summary>A real virus scanner for the uploads in the browser journeys.</summary>
    public ClamdSink? Clamd { get; private set; }

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Set HERSTELMELDPUNT_SCREENSHOTS to a directory to keep a picture of every step.</summary>
    public static string? ScreenshotDirectory => Environment.GetEnvironmentVariable("HERSTELMELDPUNT_SCREENSHOTS");

    public async Task InitializeAsync()
    {
        var chromium = TestServices.ChromiumPath;
        Clamd = new ClamdSink();
        App.ClamAvPort = Clamd.Port;
        // Chromium and the factory's clients talk plain HTTP to Kestrel on loopback (no certificate here):
        // the cookies follow the request's scheme. Every other test runs over https with Secure cookies.
        App.Settings["Cookies:SecurePolicy"] = "SameAsRequest";
        BaseAddress = App.StartOnLoopback();
        App.ClientOptions.BaseAddress = BaseAddress; // the factory's own clients talk to the real server too

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
        Clamd?.Dispose();
    }

    /// <summary>A member of staff signs in through the pages, with the code of their authenticator.</summary>
    public async Task SignInStaffAsync(IPage page, StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(account);
        await page.GotoAsync("/backoffice/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.GetByLabel("Code uit uw authenticator-app").FillAsync(await Totp.NextCodeAsync(App, account.Email, account.AuthenticatorKey!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Backoffice");
    }

    /// <summary>A step of the case process taken directly as this member of staff (the staff pages of the steps are tested elsewhere).</summary>
    public async Task StepAsync(Guid caseId, string transition, string userId, string role, params (string Field, string? Value)[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        await using var scope = App.Services.CreateAsyncScope();
        var version = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.Version)));
        var outcome = await scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Cases.Process.CaseWorkflow>().ApplyAsync(caseId, transition,
            new Herstelmeldpunt.Workflow.Engine.Actor(userId, "Medewerker " + userId, new HashSet<string> { role }),
            new Herstelmeldpunt.Workflow.Engine.TransitionInput(version, data.ToDictionary(d => d.Field, d => d.Value), null), CancellationToken.None);
        Assert.True(outcome.Applied, transition + ": " + outcome.Refused?.MessageKey);
    }
}
