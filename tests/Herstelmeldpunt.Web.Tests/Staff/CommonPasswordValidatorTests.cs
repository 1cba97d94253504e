using Herstelmeldpunt.Web.Staff;

namespace Herstelmeldpunt.Web.Tests.Staff;

public sealed class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("Password123!")]
    [InlineData("password")]
    [InlineData("!!Qwerty2026??")]
    [InlineData("P@ssw0rd2026")]
    [InlineData("Wachtwoord2026!")]
    [InlineData("W@chtw00rd-1234")]
    [InlineData("Feyenoord1908!")]
    [InlineData("Welkom01012026")]
    public void Common_passwords_are_recognised_also_when_dressed_up(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("Herstel-Wachtwoord-2026!")]
    [InlineData("paars fietsje op het dak")]
    [InlineData("Zeven koeien in de wei 7")]
    public void Passphrases_and_combinations_pass(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password));
}
