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
    public static bool In(string? text) => text is not null && text.Any(Is);

    /// <summary>One such character (format, control, line or paragraph separator).</summary>
    public static bool Is(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The text without them (a file name as shown to staff: the isolates U+2066–U+2069 too).</summary>
    public static string Without(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new string([.. text.Where(c => !Is(c))]);
    }
}
