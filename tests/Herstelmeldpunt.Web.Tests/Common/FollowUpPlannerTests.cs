using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Tests.Common;

public sealed class FollowUpPlannerTests
{
    private static readonly FollowUpPlanner Planner = new(
        new WorkingDayCalendar(new CalendarOptions { Holidays = [new(2026, 12, 25), new(2026, 12, 28)] }),
        new FollowUpOptions { DelayWorkingDays = 10 });

    [Theory]
    [InlineData(ContactTime.Morning, 9)]
    [InlineData(ContactTime.NoPreference, 9)]
    [InlineData(ContactTime.Afternoon, 13)]
    public void The_first_call_is_ten_working_days_later_at_the_preferred_time(ContactTime preferred, int utcHour)
    {
        var call = Planner.FirstCall(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), preferred);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, utcHour, 0, 0, TimeSpan.Zero), call);
    }

    [Fact]
    public void Holidays_and_weekends_are_skipped()
    {
        // From Friday 11 December: ten working days skip two weekends, Christmas (25th) and the configured 28th.
        var call = Planner.FirstCall(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero), ContactTime.Morning);
        Assert.Equal(new DateTimeOffset(2026, 12, 29, 9, 0, 0, TimeSpan.Zero), call);
    }

    [Fact]
    public void A_retry_is_the_next_working_day_at_the_other_part_of_the_day()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 9, 5, 0, TimeSpan.Zero); // a Friday morning call that failed
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero), Planner.Retry(friday, new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), Planner.Retry(new DateTimeOffset(2026, 12, 7, 13, 5, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_call_after_the_spring_forward_weekend_keeps_its_dutch_time()
    {
        // Thursday 12 March 2027 (CET) + 10 working days = Thursday 26 March (CET, UTC+1): 10:00 = 09:00 UTC;
        // from Friday 20 March + 10 working days = Friday 2 April (CEST, UTC+2): 10:00 = 08:00 UTC.
        var planner = new FollowUpPlanner(new WorkingDayCalendar(new CalendarOptions()), new FollowUpOptions { DelayWorkingDays = 10 });
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 9, 0, 0, TimeSpan.Zero), planner.FirstCall(new DateTimeOffset(2027, 3, 12, 12, 0, 0, TimeSpan.Zero), ContactTime.Morning));
        Assert.Equal(new DateTimeOffset(2027, 4, 2, 8, 0, 0, TimeSpan.Zero), planner.FirstCall(new DateTimeOffset(2027, 3, 19, 12, 0, 0, TimeSpan.Zero), ContactTime.Morning));
    }
}
