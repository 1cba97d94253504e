using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Tests.Reports;

public sealed class UrgencyRuleTests
{
    [Theory]
    [InlineData(false, false, false, UrgencyLevel.Normal)]
    [InlineData(false, true, false, UrgencyLevel.High)]
    [InlineData(false, false, true, UrgencyLevel.High)]
    [InlineData(false, true, true, UrgencyLevel.High)]
    [InlineData(true, false, false, UrgencyLevel.Acute)]
    [InlineData(true, true, true, UrgencyLevel.Acute)]
    public void Level_follows_the_answers(bool crisis, bool noIncome, bool debt, UrgencyLevel expected) =>
        Assert.Equal(expected, UrgencyRule.Compute(new UrgencyAnswers(crisis, noIncome, debt)));

    [Fact]
    public void More_urgent_levels_sort_higher() =>
        Assert.True(UrgencyLevel.Acute > UrgencyLevel.High && UrgencyLevel.High > UrgencyLevel.Normal);
}
