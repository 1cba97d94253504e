using System.Globalization;
using Herstelmeldpunt.Web.Localization;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Placeholders that carry a date (yyyy-MM-dd, as steps store them) are written out in the person's language
/// ("7 december 2026", "7 December 2026") in emails and letters alike. Thread-safe.
/// </summary>
public static class MessageDates
{
    /// <summary>The placeholders that may be given as yyyy-MM-dd (a "when" that is already written out is left as it is).</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal) { "answer_by", "objection_date", "objection_until", "promised_on", "when" };

    public static string Format(string key, string value, string language) =>
        Placeholders.Contains(key) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d MMMM yyyy", language == "en" ? Cultures.English : Cultures.Dutch)
            : value;
}
