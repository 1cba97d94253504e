using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Tests.Infrastructure;

namespace Herstelmeldpunt.Web.Tests.Reporters;

/// <summary>Where people look first: how to reach us, on the pages they see first, and never a placeholder in Production.</summary>
public sealed class ReportingPointContactTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Fact]
    public void The_shipped_defaults_are_placeholders_and_hours_come_in_both_languages()
    {
        var defaults = new ReportingPointContact();

        Assert.Equal(["ReportingPoint:Phone", "ReportingPoint:Email", "ReportingPoint:PostalAddress"], defaults.PlaceholderSettings());
        Assert.Empty(AppFactory.TestContact.PlaceholderSettings());
        Assert.Equal("working days 9:00 to 17:00", defaults.HoursIn("en"));
        Assert.Equal("werkdagen 9.00 tot 17.00 uur", defaults.HoursIn("nl"));
    }

    [Fact]
    public async Task Production_refuses_to_start_with_placeholder_contact_details_and_names_them()
    {
        await using var placeholders = new SqliteAppFactory();
        placeholders.Settings["ReportingPoint:Phone"] = "0800 000 0000";
        placeholders.Settings["ReportingPoint:PostalAddress"] = "Meldpunt herstelactie, Postbus 00000, 1000 AA Amsterdam";

        var error = Assert.ThrowsAny<Exception>(() => placeholders.CreateClient());

        Assert.Contains("ReportingPoint:Phone, ReportingPoint:PostalAddress", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/privacy")]
    public async Task The_home_and_privacy_pages_say_how_to_reach_us(string path)
    {
        var page = await app.CreateClient().GetPageAsync(path);

        var reach = page.Document.QuerySelector("[data-testid=reach-us]")!.TextContent;
        Assert.Contains(AppFactory.TestContact.Phone, reach, StringComparison.Ordinal);
        Assert.Contains("werkdagen 9.00 tot 17.00 uur", reach, StringComparison.Ordinal);
        Assert.Contains(AppFactory.TestContact.PostalAddress, reach, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_leads_to_Mijn_melding_for_someone_who_lost_the_mail()
    {
        var page = await app.CreateClient().GetPageAsync("/");

        Assert.Equal("/mijn-melding/link-aanvragen", page.Document.QuerySelector("[data-testid=to-my-report]")!.GetAttribute("href"));
    }
}
