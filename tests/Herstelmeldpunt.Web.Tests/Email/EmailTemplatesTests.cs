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
        var email = Templates.Render(name, language, Values("HM-TEST-0000-<b>"));

        // A saved form has no case yet, so no reference: its mail carries the link to continue.
        var (plain, encoded) = name == Herstelmeldpunt.Web.Intake.IntakeDrafts.Template ? (Values("-")["link"], Values("-")["link"]) : ("HM-TEST-0000-<b>", "HM-TEST-0000-&lt;b&gt;");
        Assert.Contains(plain, email.Subject + email.Text, StringComparison.Ordinal);
        Assert.Contains(encoded, email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", email.Text + email.Html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.Contains($"lang=\"{language}\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_is_an_address_after_its_text_in_the_plain_part_and_an_anchor_with_that_text_in_the_html()
    {
        var email = Templates.Render("receipt", "nl", Values("HM-1"));

        Assert.Contains("Bekijk uw melding op Mijn melding: https://meldpunt.example.nl/mijn-melding/link/TOKEN", email.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://meldpunt.example.nl/mijn-melding/link/TOKEN\">Bekijk uw melding op Mijn melding</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://meldpunt.example.nl/mijn-melding/link-aanvragen\">Vraag een nieuwe link aan</a>", email.Html, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Values(string reference) => new()
    {
        ["reference"] = reference,
        ["step"] = "Beoordeling",
        ["when"] = "maandag 7 december 2026 rond 10:00 uur",
        ["legal_due"] = "woensdag 20 januari 2027",
        ["objection_until"] = "4 januari 2027",
        ["answer_by"] = "7 december 2026",
        ["link_until"] = "maandag 30 november 2026 om 10:30 uur",
        ["kept_for"] = "7 jaar",
        ["link"] = "https://meldpunt.example.nl/mijn-melding/link/TOKEN",
        ["request_link"] = "https://meldpunt.example.nl/mijn-melding/link-aanvragen",
        ["contact_phone"] = "0800 000 0000",
        ["booked_at"] = "woensdag 25 november 2026 om 14:00 uur",
        ["booked_how"] = "Via een videogesprek.",
        ["manage_link"] = "https://meldpunt.example.nl/afspraak/TOKEN",
        ["promise"] = "een bevestiging dat wij uw melding hebben ontvangen",
        ["promised_on"] = "24 november 2026",
        ["callback_link"] = "https://meldpunt.example.nl/mijn-melding/link/TOKEN?bericht=ID",
    };

    [Fact]
    public void Lists_in_the_text_become_lists_in_the_html()
    {
        var email = Templates.Render("receipt", "nl", Values("HM-1"));
        Assert.Contains("<li>Binnen 5 werkdagen bekijkt een medewerker uw melding.</li>", email.Html, StringComparison.Ordinal);
        Assert.Contains("- Binnen 5 werkdagen", email.Text, StringComparison.Ordinal);
    }
}
