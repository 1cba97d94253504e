using UglyToad.PdfPig;

namespace Herstelmeldpunt.Web.Tests.Letters;

/// <summary>A PDF read back to text with PdfPig, one string per page, words separated by single spaces.</summary>
public static class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
    }

    public static string All(byte[] pdf) => string.Join(' ', Pages(pdf));
}
