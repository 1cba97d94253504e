using System.Globalization;
using Herstelmeldpunt.Web.Letters;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Herstelmeldpunt.Web.Management;

/// <summary>What goes in one report to parliament: the period's dashboard figures, received and decided per month, complaints, and the texts in its language.</summary>
public sealed record ParliamentReportContent(
    string Language,
    Period Period,
    DashboardFigures Figures,
    IReadOnlyList<(DateOnly Month, int Received, int Decided)> Months,
    int Complaints,
    DateTime CreatedAtUtc,
    Func<string, string> Text);

/// <summary>
/// Lays the report to parliament out on A4 with PDFsharp (the letters' embedded font): a title with the period, one
/// section per figure with the figure and a short explanation of what it counts, and a bar chart of received and decided
/// reports per month with the numbers beside the bars. Counts from 1 to 9 read "fewer than 10" (<see cref="PublicNumber"/>).
/// Text is drawn, so the PDF can be searched and read back.
/// </summary>
public static class ParliamentReportDocument
{
    private const double Mm = 72 / 25.4;
    private const double Left = 22 * Mm;
    private const double Width = 210 * Mm - 44 * Mm;
    private const double Bottom = 297 * Mm - 22 * Mm;

    public static (byte[] Pdf, int Pages) Render(ParliamentReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        LetterFonts.Install();
        var culture = content.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch;
        string T(string key) => content.Text(key);
        string D(DateOnly day) => day.ToString("d MMMM yyyy", culture);
        string N(int count) => PublicNumber.Hidden(count) ? T("Parliament.FewerThan10") : count.ToString("N0", culture);
        string F(string key, params object[] values) => string.Format(culture, T(key), values);

        using var document = new PdfDocument();
        var title = F("Parliament.Title", D(content.Period.From), D(content.Period.To));
        document.Info.Title = title;
        document.Info.CreationDate = content.CreatedAtUtc;
        document.Info.ModificationDate = content.CreatedAtUtc;
        document.Language = content.Language == "en" ? "en-GB" : "nl-NL";
        var writer = new Writer(document);

        writer.Line(T("Parliament.Sender"), 10, bold: false);
        writer.Wrapped(title, 17, bold: true);
        writer.Line(F("Parliament.Made", AmsterdamDate(content.CreatedAtUtc, culture)), 10, bold: false);
        writer.Space(8);
        writer.Wrapped(T("Parliament.Intro"), 11, bold: false);

        var f = content.Figures;
        var term = f.DecisionTerm;
        Section(writer, T("Parliament.ReceivedTitle"), N(f.Received), T("Parliament.ReceivedText"));
        Section(writer, T("Parliament.DecidedTitle"), F("Parliament.DecidedValue", N(term.Decided), N(term.WithinTerm), Share(term.WithinTerm, term.Decided, culture, T)), T("Parliament.DecidedText"));
        Section(writer, T("Parliament.LeadTitle"), term.Decided < PublicNumber.Threshold || term.MedianLeadDays is null ? T("Parliament.TooFew") : F("Parliament.LeadValue", term.MedianLeadDays.Value.ToString("N0", culture), (term.P90LeadDays ?? 0).ToString("N0", culture)), T("Parliament.LeadText"));
        var answers = f.Satisfaction.Scores.Sum(s => s.Value);
        Section(writer, T("Parliament.SatisfactionTitle"), answers < PublicNumber.Threshold || f.Satisfaction.AverageScore is null ? T("Parliament.TooFew") : F("Parliament.SatisfactionValue", f.Satisfaction.AverageScore.Value.ToString("N1", culture), N(answers)), T("Parliament.SatisfactionText"));
        var promises = f.Promises ?? Cases.Promises.PromiseFigures.None;
        Section(writer, T("Parliament.PromisesTitle"), F("Parliament.PromisesValue", Share(promises.Kept, promises.Kept + promises.Late, culture, T), N(promises.Kept + promises.Late)), T("Parliament.PromisesText"));
        Section(writer, T("Parliament.ComplaintsTitle"), N(content.Complaints), T("Parliament.ComplaintsText"));

        writer.Chart(T("Parliament.ChartTitle"), T("Parliament.ChartReceived"), T("Parliament.ChartDecided"), [.. content.Months.Select(m => (m.Month.ToString("MMMM yyyy", culture), m.Received, m.Decided))], N);
        writer.Wrapped(T("Parliament.SmallNumbers"), 9, bold: false);

        var pages = document.PageCount;
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return (stream.ToArray(), pages);
    }

    private static string AmsterdamDate(DateTime utc, CultureInfo culture) => Common.AmsterdamTime.DateOf(utc).ToString("d MMMM yyyy", culture);

    private static string Share(int part, int basis, CultureInfo culture, Func<string, string> text) =>
        basis < PublicNumber.Threshold ? text("Parliament.TooFew") : ((double)part / basis * 100).ToString("N0", culture) + "%";

    private static void Section(Writer writer, string heading, string value, string explanation)
    {
        writer.Space(10);
        writer.Wrapped(heading, 13, bold: true);
        writer.Wrapped(value, 12, bold: true);
        writer.Wrapped(explanation, 10.5, bold: false);
    }

    /// <summary>Writes down the page, starting a new page when the next line does not fit.</summary>
    private sealed class Writer(PdfDocument document)
    {
        private XGraphics? gfx;
        private double y = Bottom;

        private XGraphics Page(double needed)
        {
            if (gfx is null || y + needed > Bottom)
            {
                gfx?.Dispose();
                var page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                gfx = XGraphics.FromPdfPage(page);
                y = 22 * Mm;
            }

            return gfx;
        }

        public void Space(double points) => y += points;

        public void Line(string text, double size, bool bold)
        {
            var g = Page(size * 1.5);
            g.DrawString(text, new XFont(LetterFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular), XBrushes.Black, Left, y + size);
            y += size * 1.5;
        }

        public void Wrapped(string text, double size, bool bold)
        {
            var font = new XFont(LetterFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            var measure = Page(size * 1.5);
            var line = string.Empty;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (measure.MeasureString(candidate, font).Width > Width && line.Length > 0)
                {
                    Line(line, size, bold);
                    measure = Page(size * 1.5);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            if (line.Length > 0)
            {
                Line(line, size, bold);
            }
        }

        /// <summary>Two bars per month (received, decided), scaled to the largest, with the figure beside each bar.</summary>
        public void Chart(string title, string receivedLabel, string decidedLabel, IReadOnlyList<(string Label, int Received, int Decided)> rows, Func<int, string> shown)
        {
            Space(12);
            Wrapped(title, 13, bold: true);
            var small = new XFont(LetterFonts.Family, 9, XFontStyleEx.Regular);
            var received = new XSolidBrush(XColor.FromArgb(1, 104, 155));
            var decided = new XSolidBrush(XColor.FromArgb(145, 196, 220));
            var g = Page(20);
            g.DrawRectangle(received, Left, y + 2, 10, 8);
            g.DrawString(receivedLabel, small, XBrushes.Black, Left + 14, y + 9);
            g.DrawRectangle(decided, Left + 150, y + 2, 10, 8);
            g.DrawString(decidedLabel, small, XBrushes.Black, Left + 164, y + 9);
            y += 18;
            var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => Math.Max(r.Received, r.Decided)));
            const double labelWidth = 110;
            var barSpace = Width - labelWidth - 60;
            foreach (var (label, r, d) in rows)
            {
                g = Page(30);
                g.DrawString(label, small, XBrushes.Black, Left, y + 10);
                // A count under 10 is drawn as no bar: the figure beside it says "fewer than 10".
                var rw = PublicNumber.Hidden(r) ? 0 : r / (double)max * barSpace;
                var dw = PublicNumber.Hidden(d) ? 0 : d / (double)max * barSpace;
                g.DrawRectangle(received, Left + labelWidth, y + 2, rw, 10);
                g.DrawString(shown(r), small, XBrushes.Black, Left + labelWidth + rw + 4, y + 10);
                g.DrawRectangle(decided, Left + labelWidth, y + 14, dw, 10);
                g.DrawString(shown(d), small, XBrushes.Black, Left + labelWidth + dw + 4, y + 22);
                y += 30;
            }
        }
    }
}
