using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Management;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>How an instant is counted on its Dutch day from the two UTC days the database groups by.</summary>
public sealed class DashboardDaysTests
{
    [Fact]
    public void Every_quarter_hour_of_two_years_lands_on_its_Dutch_day_across_both_clock_changes()
    {
        for (var at = new DateTime(2025, 1, 1, 0, 7, 0, DateTimeKind.Utc); at < new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc); at = at.AddMinutes(15))
        {
            Assert.Equal(AmsterdamTime.DateOf(at), DashboardDays.DutchDay(at.AddHours(1).Date, at.AddHours(2).Date));
        }
    }

    [Fact]
    public void The_hour_before_midnight_UTC_plus_one_is_the_next_day_in_summer_only()
    {
        var summer = new DateTime(2026, 7, 1, 22, 30, 0, DateTimeKind.Utc); // 00:30 on 2 July in Amsterdam
        var winter = new DateTime(2026, 1, 15, 22, 30, 0, DateTimeKind.Utc); // 23:30 on 15 January
        Assert.Equal(new DateOnly(2026, 7, 2), DashboardDays.DutchDay(summer.AddHours(1).Date, summer.AddHours(2).Date));
        Assert.Equal(new DateOnly(2026, 1, 15), DashboardDays.DutchDay(winter.AddHours(1).Date, winter.AddHours(2).Date));
    }
}
