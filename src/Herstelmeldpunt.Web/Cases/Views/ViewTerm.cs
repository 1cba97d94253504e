using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Cases.Views;

/// <summary>Configuration section "ViewTerm": how long a person has to respond to a proposed decision.</summary>
public sealed class ViewTermOptions
{
    public const string Section = "ViewTerm";

    /// <summary>Calendar days from the day after the proposal (two weeks by default, as Groningen's damage scheme gives).</summary>
    public int Days { get; set; } = 14;

    /// <summary>The reminder goes this many working days before the last day.</summary>
    public int ReminderWorkingDaysBefore { get; set; } = 3;

    /// <summary>The reminder's time of day (Amsterdam).</summary>
    public TimeOnly ReminderAt { get; set; } = new(9, 0);
}

/// <summary>
/// The term to respond to a proposed decision: <see cref="ViewTermOptions.Days"/> days counted from the day after the
/// proposal, and when the last day falls on a weekend or holiday, the next working day (as the Algemene termijnenwet
/// does for legal terms). The reminder is the working day <see cref="ViewTermOptions.ReminderWorkingDaysBefore"/>
/// before; the term ends at midnight after its last day. Thread-safe.
/// </summary>
public sealed class ViewTerm(WorkingDayCalendar calendar, ViewTermOptions options)
{
    public DateOnly LastDay(DateOnly proposedOn)
    {
        var last = proposedOn.AddDays(options.Days);
        while (!calendar.IsWorkingDay(last))
        {
            last = last.AddDays(1);
        }

        return last;
    }

    /// <summary>When the reminder goes: on the working day that many before the last day, or at once when that is past.</summary>
    public DateTimeOffset ReminderAt(DateOnly lastDay, DateTimeOffset now)
    {
        var day = lastDay;
        for (var left = options.ReminderWorkingDaysBefore; left > 0;)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day))
            {
                left--;
            }
        }

        var at = WorkingDayCalendar.AtLocal(day, options.ReminderAt);
        return at < now ? now : at;
    }

    /// <summary>The moment the term is over: the start of the day after the last day (Amsterdam).</summary>
    public static DateTimeOffset EndsAt(DateOnly lastDay) => WorkingDayCalendar.AtLocal(lastDay.AddDays(1), TimeOnly.MinValue);
}
