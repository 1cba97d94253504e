using System.Diagnostics;
using System.Globalization;
using Herstelmeldpunt.Web.Letters;

namespace Herstelmeldpunt.Benchmarks;

/// <summary>
/// Renders letters of a given body length as the app does (PDFsharp, embedded font) and prints the
/// time per letter (first, median, max) and the PDF size. No database: the rendering alone.
/// </summary>
public static class LetterBenchmark
{
    public static void Run(int characters, int letters)
    {
        var words = new List<string>();
        var random = new Random(7);
        var length = 0;
        while (length < characters)
        {
            var word = new string('a', random.Next(2, 12)) + (random.Next(10) == 0 ? "." : string.Empty);
            words.Add(word);
            length += word.Length + 1;
        }

        var body = string.Join(' ', words)[..characters];
        var content = new LetterContent("nl", ["Maria Jansen", "Dorpsstraat 12", "1234 AB  AMSTERDAM"], new DateOnly(2026, 11, 30), "HM-7QK2-RT9X-4", "Besluit over uw melding", body, ["Meldpunt herstelactie", "Postbus 00000, 1000 AA Amsterdam"], "0800 000 0000");
        var times = new List<double>();
        RenderedLetter? last = null;
        for (var i = 0; i < letters; i++)
        {
            var watch = Stopwatch.StartNew();
            last = LetterDocument.Render(content, DateTime.UnixEpoch);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var sorted = times.Skip(1).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"letter of {characters} characters: {last!.Pages} pages, {last.Pdf.Length / 1024.0:0.0} KB; first render {times[0]:0} ms (fonts loaded), then median {sorted[sorted.Count / 2]:0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Count} renders"));
    }
}
