using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Tests.Reports;

public sealed class BsnTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("123456782")]
    [InlineData("999990019")]
    [InlineData("1234 56 782")]
    [InlineData("123.456.782")]
    public void Valid_numbers_pass_the_eleven_check(string input) => Assert.True(Bsn.IsValid(input));

    [Theory]
    [InlineData("123456789")] // fails the eleven check
    [InlineData("111222334")]
    [InlineData("000000000")] // sum zero is not a number anyone has
    [InlineData("12345678")] // eight digits
    [InlineData("1234567820")] // ten digits
    [InlineData("12345678a")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_numbers_are_refused(string? input) => Assert.False(Bsn.IsValid(input));

    [Fact]
    public void Every_single_digit_typo_in_a_valid_number_is_caught()
    {
        const string valid = "123456782";
        for (var position = 0; position < 9; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == valid[position])
                {
                    continue;
                }

                var typo = valid[..position] + digit + valid[(position + 1)..];
                Assert.False(Bsn.IsValid(typo), $"{typo} should be refused");
            }
        }
    }

    [Fact]
    public void Normalize_removes_spaces_dots_and_dashes() =>
        Assert.Equal("123456782", Bsn.Normalize(" 1234-56.782 "));
}
