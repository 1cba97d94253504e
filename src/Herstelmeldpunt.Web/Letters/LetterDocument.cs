using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>What goes on one letter. The body is plain text: paragraphs separated by a blank line, "- " lines a list.</summary>
public sealed record LetterContent(
    string Language,
    IReadOnlyList<string> AddressLines,
    DateOnly Date,
    string Reference,
    string Subject,
    string Body,
    IReadOnlyList<string> SenderLines,
    string ContactPhone);

public sealed record RenderedLetter(byte[] Pdf, int Pages);

/// <summary>
/// Lays a letter out on A4 with PDFsharp: the sender at the top, the address where a window envelope
/// shows it (22 mm from the left, 50 mm from the top, 85 mm wide), date and reference beside it, the
/// subject, the body wrapped over as many pages as it needs, and "page x of y" with the reference at the
/// foot of each page. The text is drawn, so the PDF can be searched and read aloud; the font is
/// embedded (<see cref="LetterFonts"/>).
/// </summary>
public static class LetterDocument
{
    private const double Mm = 72 / 25.4;
    private const double Left = 22 * Mm;
    private const double Right = 210 * Mm - 22 * Mm;
    private const double BodyTopFirst = 105 * Mm;
    private const double BodyTopNext = 25 * Mm;
    private const double BodyBottom = 297 * Mm - 25 * Mm;
    private const double FontSize = 11;
    private const double LineHeight = 15.5;

    public static RenderedLetter Render(LetterContent content, DateTime createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        LetterFonts.Install();
        var english = content.Language == "en";
        var culture = english ? Localization.Cultures.English : Localization.Cultures.Dutch;
        using var document = new PdfDocument();
        document.Info.Title = content.Subject;
        document.Info.Author = content.SenderLines.Count > 0 ? content.SenderLines[0] : string.Empty;
        document.Info.CreationDate = createdAtUtc;
        document.Info.ModificationDate = createdAtUtc;
        document.Language = english ? "en-GB" : "nl-NL";

        var regular = new XFont(LetterFonts.Family, FontSize, XFontStyleEx.Regular);
        var bold = new XFont(LetterFonts.Family, FontSize, XFontStyleEx.Bold);
        var small = new XFont(LetterFonts.Family, 9, XFontStyleEx.Regular);
        var heading = new XFont(LetterFonts.Family, 14, XFontStyleEx.Bold);

        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);

        // Sender, top left.
        var y = 15 * Mm + 14;
        for (var i = 0; i < content.SenderLines.Count; i++)
        {
            gfx.DrawString(content.SenderLines[i], i == 0 ? heading : small, XBrushes.Black, Left, y);
            y += i == 0 ? 14 : 11;
        }

        // Address block in the envelope window.
        y = 50 * Mm + FontSize;
        foreach (var line in content.AddressLines)
        {
            gfx.DrawString(line, regular, XBrushes.Black, Left, y);
            y += LineHeight;
        }

        // Date, reference and phone number beside it.
        var column = 125 * Mm;
        y = 50 * Mm + FontSize;
        foreach (var (label, value) in new[]
        {
            (english ? "Date" : "Datum", content.Date.ToString("d MMMM yyyy", culture)),
            (english ? "Our reference" : "Ons kenmerk", content.Reference),
            (english ? "Phone" : "Telefoon", content.ContactPhone),
        })
        {
            gfx.DrawString(label, small, XBrushes.Black, column, y);
            gfx.DrawString(value, regular, XBrushes.Black, column, y + 11);
            y += 26;
        }

        y = BodyTopFirst - 20;
        gfx.DrawString((english ? "Subject: " : "Onderwerp: ") + content.Subject, bold, XBrushes.Black, Left, y);
        y = BodyTopFirst;

        foreach (var paragraph in content.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split("\n\n"))
        {
            foreach (var rawLine in paragraph.Split('\n'))
            {
                var isItem = rawLine.StartsWith("- ", StringComparison.Ordinal);
                var text = isItem ? rawLine[2..] : rawLine;
                var indent = isItem ? 5 * Mm : 0;
                var first = true;
                foreach (var line in Wrap(gfx, text, regular, Right - Left - indent))
                {
                    if (y > BodyBottom)
                    {
                        gfx.Dispose();
                        page = document.AddPage();
                        page.Size = PdfSharp.PageSize.A4;
                        gfx = XGraphics.FromPdfPage(page);
                        y = BodyTopNext;
                    }

                    if (isItem && first)
                    {
                        gfx.DrawString("•", regular, XBrushes.Black, Left + 1 * Mm, y);
                    }

                    gfx.DrawString(line, regular, XBrushes.Black, Left + indent, y);
                    y += LineHeight;
                    first = false;
                }
            }

            y += LineHeight * 0.6;
        }

        gfx.Dispose();

        // Page x of y with the reference, on every page.
        for (var i = 0; i < document.PageCount; i++)
        {
            using var foot = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var text = string.Format(CultureInfo.InvariantCulture, english ? "Page {0} of {1} · {2}" : "Pagina {0} van {1} · {2}", i + 1, document.PageCount, content.Reference);
            foot.DrawString(text, small, XBrushes.Black, Left, 297 * Mm - 12 * Mm);
        }

        var pages = document.PageCount;
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return new RenderedLetter(output.ToArray(), pages);
    }

    /// <summary>
    /// Letters one after the other in one PDF to print double-sided: each starts on a new sheet (a blank
    /// page after a letter with an odd number of pages).
    /// </summary>
    public static async Task<byte[]> CombineAsync(IAsyncEnumerable<byte[]> letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        using var combined = new PdfDocument();
        combined.Info.Title = "Print batch";
        await foreach (var pdf in letters)
        {
            using var stream = new MemoryStream(pdf);
            using var letter = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            foreach (var page in letter.Pages)
            {
                combined.AddPage(page);
            }

            if (letter.PageCount % 2 == 1)
            {
                combined.AddPage().Size = PdfSharp.PageSize.A4; // the back of the last sheet stays blank
            }
        }

        using var output = new MemoryStream();
        combined.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Greedy word wrap by measured width; a word wider than the line is split by characters.</summary>
    private static IEnumerable<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        if (text.Length == 0)
        {
            yield return string.Empty;
            yield break;
        }

        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                yield return line;
            }

            line = word;
            while (gfx.MeasureString(line, font).Width > width)
            {
                // The longest start that fits, by halving (a very long "word" such as a pasted link stays fast).
                int low = 1, high = line.Length - 1;
                while (low < high)
                {
                    var middle = (low + high + 1) / 2;
                    if (gfx.MeasureString(line[..middle], font).Width <= width)
                    {
                        low = middle;
                    }
                    else
                    {
                        high = middle - 1;
                    }
                }

                var cut = low;

                yield return line[..cut];
                line = line[cut..];
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
