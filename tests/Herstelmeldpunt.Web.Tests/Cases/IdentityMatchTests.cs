using Herstelmeldpunt.Web.Cases;

namespace Herstelmeldpunt.Web.Tests.Cases;

public sealed class IdentityMatchTests
{
    [Theory]
    [InlineData("Jan de Vries", "Jan de Vries", true)]
    [InlineData("jan  DE vries", "Jan de Vries", true)]
    [InlineData("José Müller", "Jose Muller", true)]
    [InlineData("J. de Vries", "Jan de Vries", true)]
    [InlineData("Maria Jansen", "Jan de Vries", false)]
    [InlineData("Jan de Vries", "Piet de Vries", false)]
    [InlineData("", "Jan de Vries", false)]
    public void Names_agree_when_equal_after_accents_case_and_punctuation_or_by_surname_and_initial(string report, string register, bool agree) =>
        Assert.Equal(agree, IdentityMatch.NamesAgree(report, register));
}
