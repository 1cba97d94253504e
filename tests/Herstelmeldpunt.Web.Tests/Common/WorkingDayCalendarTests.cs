using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Tests.Common;

public sealed class WorkingDayCalendarTests
{
    // King's Day 2027 (Tuesday 27 April) and Christmas 2026 (Friday 25 December) as configured holidays.
    private static readonly WorkingDayCalendar Calendar = new(new CalendarOptions { Holidays = [new(2027, 4, 27), new(2026, 12, 25)] });

    [Theory]
    [InlineData("2026-11-20", 1, "2026-11-23")] // Friday + 1 -> Monday
    [InlineData("2026-11-21", 1, "2026-11-23")] // Saturday + 1 -> Monday
    [InlineData("2026-11-23", 5, "2026-11-30")] // a full week
    [InlineData("2026-12-24", 1, "2026-12-28")] // Thursday + 1 skips Christmas and the weekend
    [InlineData("2027-04-26", 1, "2027-04-28")] // Monday + 1 skips King's Day
    [InlineData("2026-11-21", 0, "2026-11-23")] // "on a working day" from a Saturday
    public void Working_days_skip_weekends_and_configured_holidays(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Calendar.AddWorkingDays(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void Local_times_follow_summer_and_winter_time() =>
        Assert.Equal(
            (new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            (WorkingDayCalendar.AtLocal(new(2026, 7, 1), new(10, 0)), WorkingDayCalendar.AtLocal(new(2026, 12, 1), new(10, 0))));

    [Fact]
    public void A_time_that_does_not_exist_on_the_spring_forward_day_moves_forward_by_the_gap() =>
        // 28 March 2027, 02:30 does not exist in Amsterdam (02:00 -> 03:00): 03:30 CEST = 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), WorkingDayCalendar.AtLocal(new(2027, 3, 28), new(2, 30)));

    [Fact]
    public void A_time_that_occurs_twice_on_the_fall_back_day_is_taken_the_first_time() =>
        // 25 October 2026, 02:30 happens twice (03:00 CEST -> 02:00 CET): the first is 00:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), WorkingDayCalendar.AtLocal(new(2026, 10, 25), new(2, 30)));

    [Fact]
    public void A_deadline_across_the_spring_forward_weekend_keeps_the_local_time()
    {
        // Friday 26 March 2027 10:00 CET (09:00 UTC) + 1 working day = Monday 29 March?
        // 28 March (Easter) and 29 March (Easter Monday) are not configured here, so Monday 29th 10:00 CEST = 08:00 UTC.
        var due = Calendar.DueAt(new DateTimeOffset(2027, 3, 26, 9, 0, 0, TimeSpan.Zero), new IsoDuration(0, 1, 0, 0), workingDays: true);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 8, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Calendar_days_count_every_day()
    {
        var due = Calendar.DueAt(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), new IsoDuration(6, 0, 0, 0), workingDays: false);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero), due);
    }
}
