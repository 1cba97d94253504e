using Herstelmeldpunt.Web.Email;

namespace Herstelmeldpunt.Web.Tests.Email;

public sealed class EmailTemplatesTests
{
    private static readonly EmailTemplates Templates = EmailTemplates.Load();

    public static TheoryData<string, string> Every()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in EmailTemplates.Names)
        {
            data.Add(name, "nl");
            data.Add(name, "en");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Every_template_renders_in_both_languages_with_the_reference_and_nothing_left_over(string name, string language)
    {
        var email = Templates.Render(name, language, new Dictionary<string, string> { ["reference"] = "HM-TEST-0000-<b>", ["step"] = "Beoordeling", ["when"] = "maandag 7 december 2026 rond 10:00 uur" });

        Assert.Contains("HM-TEST-0000-<b>", email.Subject + email.Text, StringComparison.Ordinal);
        Assert.Contains("HM-TEST-0000-&lt;b&gt;", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", email.Text + email.Html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.Contains($"lang=\"{language}\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_in_the_text_become_lists_in_the_html()
    {
        var email = Templates.Render("receipt", "nl", new Dictionary<string, string> { ["reference"] = "HM-1" });
        Assert.Contains("<li>Binnen 5 werkdagen bekijkt een medewerker uw melding.</li>", email.Html, StringComparison.Ordinal);
        Assert.Contains("- Binnen 5 werkdagen", email.Text, StringComparison.Ordinal);
    }
}
