using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Tests.Cases.Terms;

/// <summary>The one rule for every decision date we tell a person: working days, and never silently past the legal term.</summary>
public sealed class ExpectedDecisionTests
{
    private static readonly WorkingDayCalendar Calendar = new(new CalendarOptions { Holidays = [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)] });
    private static readonly DateOnly Due = new(2027, 1, 18); // a Monday

    [Fact]
    public void A_range_inside_the_term_is_kept_with_both_ends_moved_to_working_days()
    {
        // Saturday 26 December to Sunday 10 January: the Monday after is a holiday, so the range starts on Tuesday.
        var expected = ExpectedDecision.Reconcile(new DateRange(new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 10)), Due, Calendar);

        Assert.Equal(DecisionOutlook.WithinTerm, expected.Outlook);
        Assert.Equal(new DateRange(new DateOnly(2026, 12, 29), new DateOnly(2027, 1, 11)), expected.Range);
    }

    [Fact]
    public void A_range_that_reaches_past_the_term_ends_on_the_term_and_says_so()
    {
        var expected = ExpectedDecision.Reconcile(new DateRange(new DateOnly(2027, 1, 4), new DateOnly(2027, 2, 9)), Due, Calendar);

        Assert.Equal(DecisionOutlook.CappedAtTerm, expected.Outlook);
        Assert.Equal(new DateRange(new DateOnly(2027, 1, 4), Due), expected.Range);
    }

    [Fact]
    public void A_range_that_starts_after_the_term_is_kept_and_says_we_expect_to_be_late()
    {
        var expected = ExpectedDecision.Reconcile(new DateRange(new DateOnly(2027, 1, 23), new DateOnly(2027, 3, 6)), Due, Calendar);

        Assert.Equal(DecisionOutlook.ExpectLate, expected.Outlook);
        Assert.Equal(new DateRange(new DateOnly(2027, 1, 25), new DateOnly(2027, 3, 8)), expected.Range); // Saturdays moved to Mondays
        Assert.Equal(Due, expected.LegalDue);
    }

    [Fact]
    public void The_term_day_itself_is_within_the_term()
    {
        var expected = ExpectedDecision.Reconcile(new DateRange(Due, Due), Due, Calendar);

        Assert.Equal(DecisionOutlook.WithinTerm, expected.Outlook);
    }

    [Fact]
    public void Without_a_known_term_the_range_is_only_moved_to_working_days()
    {
        var expected = ExpectedDecision.Reconcile(new DateRange(new DateOnly(2027, 3, 6), new DateOnly(2027, 3, 7)), null, Calendar);

        Assert.Equal((DecisionOutlook.WithinTerm, new DateRange(new DateOnly(2027, 3, 8), new DateOnly(2027, 3, 8))), (expected.Outlook, expected.Range));
    }
}
