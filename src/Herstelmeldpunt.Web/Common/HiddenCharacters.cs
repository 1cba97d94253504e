using System.Globalization;

namespace Herstelmeldpunt.Web.Common;

/// <summary>
/// Characters that show nothing or turn text around: zero-width spaces and joiners, bidirectional
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), soft hyphens and other Unicode format and
/// control characters. In a name they make two different people look alike, or one name look like
/// another on a staff screen or a letter (a "Trojan source" for names), so names refuse them.
/// </summary>
public static class HiddenCharacters
{
    public static bool In(string? text) =>
        text is not null && text.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
