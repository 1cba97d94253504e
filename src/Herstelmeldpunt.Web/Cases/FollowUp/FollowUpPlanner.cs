using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Cases.FollowUp;

/// <summary>Configuration section "FollowUp".</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>Working days between "provisions carried out" and the first call.</summary>
    public int DelayWorkingDays { get; set; } = 10;

    public int MaxAttempts { get; set; } = 3;

    public TimeOnly MorningCall { get; set; } = new(10, 0);

    public TimeOnly AfternoonCall { get; set; } = new(14, 0);
}

/// <summary>
/// When to make a satisfaction call: the first after the configured number of working days, in the
/// person's preferred part of the day (no preference: morning); after a call that did not reach them,
/// the next working day in the other part of the day. Dutch time, holidays skipped.
/// </summary>
public sealed class FollowUpPlanner(WorkingDayCalendar calendar, FollowUpOptions options)
{
    public int MaxAttempts => options.MaxAttempts;

    public DateTimeOffset FirstCall(DateTimeOffset from, ContactTime preferred) =>
        WorkingDayCalendar.AtLocal(calendar.AddWorkingDays(LocalDay(from), options.DelayWorkingDays), preferred == ContactTime.Afternoon ? options.AfternoonCall : options.MorningCall);

    public DateTimeOffset Retry(DateTimeOffset from, DateTimeOffset previousCall)
    {
        var previousWasMorning = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(previousCall, AmsterdamTime.Zone).DateTime) < new TimeOnly(12, 0);
        return WorkingDayCalendar.AtLocal(calendar.AddWorkingDays(LocalDay(from), 1), previousWasMorning ? options.AfternoonCall : options.MorningCall);
    }

    /// <summary>A planned call moved to the person's new part of the day, on the same day ("no preference" keeps it where it is).</summary>
    public DateTimeOffset Moved(DateTimeOffset planned, ContactTime preferred) => preferred switch
    {
        ContactTime.Morning => WorkingDayCalendar.AtLocal(LocalDay(planned), options.MorningCall),
        ContactTime.Afternoon => WorkingDayCalendar.AtLocal(LocalDay(planned), options.AfternoonCall),
        _ => planned,
    };

    /// <summary>A planned call as the person reads it in a message: "maandag 7 december 2026 rond 10:00 uur" / "Monday 7 December 2026 around 10:00".</summary>
    public static string Spelled(DateTimeOffset call, string language) =>
        TimeZoneInfo.ConvertTime(call, AmsterdamTime.Zone).ToString(
            language == "en" ? "dddd d MMMM yyyy 'around' HH:mm" : "dddd d MMMM yyyy 'rond' HH:mm 'uur'",
            language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch);

    private static DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, AmsterdamTime.Zone).DateTime);
}
