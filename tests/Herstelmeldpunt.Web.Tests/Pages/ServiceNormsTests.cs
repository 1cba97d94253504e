using Herstelmeldpunt.Web.Tests.Infrastructure;

namespace Herstelmeldpunt.Web.Tests.Pages;

/// <summary>The service norms and the accessibility statement (issue 30 item 6): public, in the footer of every page, and the norms read from the settings the process keeps.</summary>
public sealed class ServiceNormsTests
{
    [Fact]
    public async Task The_norms_say_what_the_settings_and_rules_do_and_follow_a_changed_setting()
    {
        await using var app = new SqliteAppFactory();
        var client = new ReporterSession(app).Client;
        var page = await client.GetPageAsync("/servicenormen");
        Assert.Contains("40 werkdagen (8 weken)", page.Document.QuerySelector("[data-testid=norm-decision]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ten hoogste 8 weken", page.Document.QuerySelector("[data-testid=norm-decision]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("14 dagen", page.Document.QuerySelector("[data-testid=norm-view]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("6 weken na het besluit", page.Document.QuerySelector("[data-testid=norm-objection]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("binnen 6 weken", page.Document.QuerySelector("[data-testid=norm-complaint]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("met 4 weken", page.Document.QuerySelector("[data-testid=norm-complaint]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("a[href='/klacht']"));

        var home = await client.GetPageAsync("/");
        Assert.NotNull(home.Document.QuerySelector("footer a[href='/servicenormen']"));
        Assert.NotNull(home.Document.QuerySelector("footer a[href='/toegankelijkheid']"));
        var statement = await client.GetPageAsync("/toegankelijkheid");
        Assert.Contains("WCAG 2.1", statement.Document.QuerySelector("[data-testid=a11y-statement]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(AppFactory.TestContact.Email, statement.Html, StringComparison.Ordinal);

        await using var longer = new SqliteAppFactory();
        longer.Settings["ViewTerm:Days"] = "21";
        var changed = await new ReporterSession(longer).Client.GetPageAsync("/servicenormen");
        Assert.Contains("21 dagen", changed.Document.QuerySelector("[data-testid=norm-view]")!.TextContent, StringComparison.Ordinal);
    }
}
