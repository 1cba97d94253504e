namespace Herstelmeldpunt.Web.Common;

/// <summary>The service works on Dutch time: "today" and office hours are those of Europe/Amsterdam.</summary>
public static class AmsterdamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    /// <summary>The UTC instant a Dutch calendar day begins (midnight in Amsterdam): the bound of a period filter.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => WorkingDayCalendar.AtLocal(day, TimeOnly.MinValue).UtcDateTime;

    /// <summary>The Dutch calendar day of a stored UTC instant.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone));

    /// <summary>A stored UTC instant as staff read it: Dutch local time, short date and time in the page's culture.</summary>
    public static string Format(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString("g", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>A moment as a person reads it in a message: "maandag 30 november 2026 om 10:30" / "Monday 30 November 2026 at 10:30", Dutch local time.</summary>
    public static string Spelled(DateTime utc, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        return local.ToString(culture.TwoLetterISOLanguageName == "en" ? "dddd d MMMM yyyy 'at' HH:mm" : "dddd d MMMM yyyy 'om' HH:mm 'uur'", culture);
    }
}
