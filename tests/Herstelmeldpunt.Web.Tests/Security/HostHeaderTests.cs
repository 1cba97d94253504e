using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Security;

/// <summary>Host-header poisoning (issue 27, item 6): links in mails never take the address from the request.</summary>
public sealed class HostHeaderTests
{
    [Fact]
    public async Task Production_refuses_to_start_without_the_public_address_of_the_portal()
    {
        await using var app = new SqliteAppFactory();
        app.Settings["Email:PublicBaseUrl"] = "";

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Email:PublicBaseUrl is not set", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_asked_for_with_a_forged_host_header_is_mailed_on_the_configured_address()
    {
        await using var app = new SqliteAppFactory();
        var answers = IntakeJourney.ValidAnswers("Echte Melder");
        answers["Form.Email"] = "echt@example.nl";
        var receipt = await new IntakeJourney(app).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();

        var client = new ReporterSession(app).Client;
        client.DefaultRequestHeaders.Host = "evil.example";
        var form = await client.GetPageAsync("/mijn-melding/link-aanvragen");
        await client.PostFormAsync(form, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = reference, ["EmailAddress"] = "echt@example.nl" });

        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Template == "access_link"));
        Assert.Contains("https://localhost/mijn-melding/link/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
    }
}
