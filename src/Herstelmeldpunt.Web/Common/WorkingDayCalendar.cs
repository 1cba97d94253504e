using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Common;

/// <summary>
/// Due times for workflow timers on Dutch time. "P5D" with working days counts Monday to Friday and
/// keeps the local time of day; otherwise calendar days. Public holidays come with the scheduling issue.
/// </summary>
public sealed class WorkingDayCalendar : IDueDateCalculator
{
    public DateTimeOffset DueAt(DateTimeOffset from, IsoDuration after, bool workingDays)
    {
        var local = TimeZoneInfo.ConvertTime(from, AmsterdamTime.Zone).DateTime;
        if (workingDays)
        {
            for (var added = 0; added < after.TotalDays;)
            {
                local = local.AddDays(1);
                if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    added++;
                }
            }
        }
        else
        {
            local = local.AddDays(after.TotalDays);
        }

        local += after.TimeOfDay;
        // A local time that does not exist (the spring-forward hour) moves forward by the gap.
        while (AmsterdamTime.Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), AmsterdamTime.Zone), TimeSpan.Zero);
    }
}
