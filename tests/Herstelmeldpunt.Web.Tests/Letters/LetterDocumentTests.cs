using System.Text;
using Herstelmeldpunt.Web.Letters;

namespace Herstelmeldpunt.Web.Tests.Letters;

public sealed class LetterDocumentTests
{
    private static LetterContent Letter(string body, string language = "nl") => new(
        language,
        ["Maria Jansen", "p/a Kees Jansen", "Dorpsstraat 12", "1234 AB  AMSTERDAM"],
        new DateOnly(2026, 12, 3),
        "HM-7QK2-RT9X-4",
        "Besluit over uw melding",
        body,
        ["Meldpunt herstelactie", "Postbus 00000, 1000 AA Amsterdam"],
        "0800 000 0000");

    [Fact]
    public void A_letter_reads_back_with_address_block_date_reference_subject_body_and_page_number()
    {
        var rendered = LetterDocument.Render(Letter("Beste Maria Jansen,\n\nDit gaan wij voor u doen:\n- Schuldhulp: u heeft schulden.\n- Re-integratie\n\nMet vriendelijke groet,\nMeldpunt herstelactie"), new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc));

        var text = PdfText.All(rendered.Pdf);
        Assert.Equal(1, rendered.Pages);
        foreach (var expected in new[] { "Maria Jansen", "p/a Kees Jansen", "Dorpsstraat 12", "1234 AB AMSTERDAM", "3 december 2026", "HM-7QK2-RT9X-4", "Onderwerp: Besluit over uw melding", "Schuldhulp: u heeft schulden.", "Re-integratie", "Pagina 1 van 1" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(rendered.Pdf, 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_in_English_has_English_labels_and_dates()
    {
        var text = PdfText.All(LetterDocument.Render(Letter("Dear Maria,", "en"), DateTime.UnixEpoch).Pdf);

        Assert.Contains("3 December 2026", text, StringComparison.Ordinal);
        Assert.Contains("Our reference", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_thousand_characters_flow_over_pages_without_losing_a_word()
    {
        var words = Enumerable.Range(1, 1400).Select(i => $"woord{i}").ToList();
        var body = string.Join(' ', words);
        Assert.True(body.Length >= 10_000);

        var rendered = LetterDocument.Render(Letter(body), DateTime.UnixEpoch);

        var pages = PdfText.Pages(rendered.Pdf);
        Assert.True(rendered.Pages >= 3, $"{rendered.Pages} pages");
        Assert.Equal(rendered.Pages, pages.Count);
        Assert.Contains($"Pagina {pages.Count} van {pages.Count}", pages[^1], StringComparison.Ordinal);
        var found = string.Join(' ', pages).Split(' ').Where(w => w.StartsWith("woord", StringComparison.Ordinal)).ToList();
        Assert.Equal(words, found);
    }

    [Fact]
    public void A_word_longer_than_the_line_is_split_not_cut_off()
    {
        var link = "https://meldpunt.example.nl/mijn-melding/link/" + new string('Z', 300);

        var text = PdfText.All(LetterDocument.Render(Letter(link), DateTime.UnixEpoch).Pdf);

        Assert.Equal(300, text.Count(c => c == 'Z'));
    }
}
