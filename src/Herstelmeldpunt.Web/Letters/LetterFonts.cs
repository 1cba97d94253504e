using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>
/// The letters' typeface, Lato (regular and bold), embedded in the app (Letters/Fonts, SIL Open Font
/// License) so a letter looks the same on every machine and needs no installed fonts. PDFsharp has one
/// font resolver per process: <see cref="Install"/> sets it once.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    public const string Family = "Lato";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

    public static void Install()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new LetterFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "Lato-Bold" : "Lato-Regular");

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, static face =>
    {
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream($"Herstelmeldpunt.Web.Letters.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"Font {face} is missing (Letters/Fonts).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
