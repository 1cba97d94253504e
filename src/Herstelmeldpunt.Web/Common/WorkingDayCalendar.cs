using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Common;

/// <summary>Configuration section "Calendar": public holidays (yyyy-MM-dd) on which nobody works or calls.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    public List<DateOnly> Holidays { get; set; } = [];
}

/// <summary>
/// Dutch working days and local times. Working days are Monday to Friday except the configured
/// holidays. Local times are Europe/Amsterdam: a time that does not exist (the spring-forward hour)
/// moves forward by the gap; a time that occurs twice (the autumn hour) is taken the first time.
/// Thread-safe (read-only after construction).
/// </summary>
public sealed class WorkingDayCalendar(CalendarOptions options) : IDueDateCalculator
{
    private readonly HashSet<DateOnly> holidays = [.. options.Holidays];

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>The working day <paramref name="count"/> working days after <paramref name="from"/> (0: from itself if it is one).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int count)
    {
        var day = from;
        if (count == 0)
        {
            while (!IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }

            return day;
        }

        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                added++;
            }
        }

        return day;
    }

    /// <summary>The UTC instant of a Dutch local date and time.</summary>
    public static DateTimeOffset AtLocal(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        var zone = AmsterdamTime.Zone;
        if (zone.IsInvalidTime(local))
        {
            // Skipped by the clocks: the same wall-clock distance after the last valid moment.
            var gap = zone.GetAdjustmentRules().Select(r => r.DaylightDelta).DefaultIfEmpty(TimeSpan.FromHours(1)).Max();
            local = local.Add(gap);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max() // the first occurrence, still on summer time
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public DateTimeOffset DueAt(DateTimeOffset from, IsoDuration after, bool workingDays)
    {
        var local = TimeZoneInfo.ConvertTime(from, AmsterdamTime.Zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var target = workingDays ? AddWorkingDays(day, after.TotalDays) : day.AddDays(after.TotalDays);
        return AtLocal(target, TimeOnly.FromDateTime(local.DateTime).Add(after.TimeOfDay));
    }
}
