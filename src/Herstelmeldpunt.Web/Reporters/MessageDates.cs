using System.Globalization;
using Herstelmeldpunt.Web.Localization;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Placeholders that carry a date (yyyy-MM-dd, as steps store them) are written out in the person's language
/// ("7 december 2026", "7 December 2026") in emails and letters alike. Thread-safe.
/// </summary>
public static class MessageDates
{
    /// <summary>The placeholders given as yyyy-MM-dd.</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal) { "answer_by", "objection_date", "objection_until" };

    public static string Format(string key, string value, string language) =>
        Placeholders.Contains(key) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d MMMM yyyy", language == "en" ? Cultures.English : Cultures.Dutch)
            : value;
}
