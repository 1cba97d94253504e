using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>A reporter's browser: takes the link out of a queued email and opens Mijn melding with it.</summary>
public sealed partial class ReporterSession(AppFactory app)
{
    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = app.ClientOptions.BaseAddress });

    /// <summary>The Mijn melding link in the newest queued mail of this template for this case (before it is sent and blanked).</summary>
    public static async Task<string> LinkFromMailAsync(AppFactory app, Guid caseId, string template)
    {
        ArgumentNullException.ThrowIfNull(app);
        var body = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == template)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync());
        var match = LinkPattern().Match(body);
        return match.Success ? match.Value : throw new InvalidOperationException($"No Mijn melding link in the '{template}' mail.");
    }

    /// <summary>The link in the newest queued mail about a changed address (confirm: to the new address; undo: to the old one).</summary>
    public static async Task<string> EmailChangeLinkFromMailAsync(AppFactory app, Guid caseId, bool undo = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        var template = undo ? "email_change_requested" : "email_confirm";
        var body = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == caseId && m.Template == template)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync());
        var match = EmailChangeLinkPattern().Match(body);
        return match.Success ? new Uri(match.Value).PathAndQuery : throw new InvalidOperationException($"No link in the '{template}' mail.");
    }

    /// <summary>Opens a confirm or undo link and presses its button; returns the page that says what happened.</summary>
    public async Task<HtmlPage> PressAsync(string path)
    {
        var page = await Client.GetPageAsync(path);
        return page.Document.QuerySelector("main form") is null ? page : await Client.PostFormAsync(page, path);
    }

    /// <summary>Opens the link (the page with the button), presses the button, and returns the page it leads to.</summary>
    public async Task<HtmlPage> OpenAsync(string link)
    {
        var path = new Uri(link).PathAndQuery;
        var page = await Client.GetPageAsync(path);
        if (page.Document.QuerySelector("[data-testid=open]") is null)
        {
            return page;
        }

        var opened = await Client.PostFormAsync(page, path);
        return opened.Status == HttpStatusCode.Redirect ? await Client.GetPageAsync(opened.Location!.OriginalString) : opened;
    }

    [GeneratedRegex(@"https?://[^\s]+/mijn-melding/e-mailadres/(bevestigen|terugdraaien)/[A-Za-z0-9_-]+")]
    private static partial Regex EmailChangeLinkPattern();

    [GeneratedRegex(@"https?://[^\s]+/mijn-melding/link/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
