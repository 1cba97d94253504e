using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Tests.Reports;

public sealed partial class ReferenceNumberTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void New_numbers_have_the_readable_format_and_pass_their_own_check()
    {
        for (var i = 0; i < 1000; i++)
        {
            var number = ReferenceNumber.NewNumber();
            Assert.Matches(Format(), number);
            Assert.Equal(ReferenceNumber.FormattedLength, number.Length);
            Assert.Equal(number, ReferenceNumber.Parse(number));
        }
    }

    [Fact]
    public void New_numbers_do_not_repeat_in_a_large_sample()
    {
        var numbers = Enumerable.Range(0, 100_000).Select(_ => ReferenceNumber.NewNumber()).ToHashSet();
        Assert.Equal(100_000, numbers.Count);
    }

    [Fact]
    public void New_numbers_use_every_character_in_every_position()
    {
        // Randomness check: 20,000 draws over 32 characters leave no character unused in any position.
        var seen = Enumerable.Range(0, 8).Select(_ => new HashSet<char>()).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var body = ReferenceNumber.NewNumber().Replace("-", string.Empty, StringComparison.Ordinal)[2..10];
            for (var p = 0; p < 8; p++)
            {
                seen[p].Add(body[p]);
            }
        }

        Assert.All(seen, s => Assert.Equal(32, s.Count));
    }

    [Fact]
    public void Every_single_character_typo_is_caught()
    {
        var number = ReferenceNumber.NewNumber();
        var compact = number.Replace("-", string.Empty, StringComparison.Ordinal)[2..];
        for (var position = 0; position < compact.Length; position++)
        {
            foreach (var c in Alphabet.Where(c => c != compact[position]))
            {
                var typo = compact[..position] + c + compact[(position + 1)..];
                Assert.Null(ReferenceNumber.Parse(typo));
            }
        }
    }

    [Fact]
    public void Most_swaps_of_neighbouring_characters_are_caught()
    {
        var caught = 0;
        var swaps = 0;
        for (var i = 0; i < 2000; i++)
        {
            var compact = ReferenceNumber.NewNumber().Replace("-", string.Empty, StringComparison.Ordinal)[2..];
            for (var p = 0; p < compact.Length - 1; p++)
            {
                if (compact[p] == compact[p + 1])
                {
                    continue;
                }

                swaps++;
                var swapped = compact[..p] + compact[p + 1] + compact[p] + compact[(p + 2)..];
                if (ReferenceNumber.Parse(swapped) is null)
                {
                    caught++;
                }
            }
        }

        Assert.True(caught > swaps * 0.9, $"caught {caught} of {swaps} swaps");
    }

    [Fact]
    public void Parse_accepts_lower_case_spaces_and_a_missing_prefix()
    {
        var number = ReferenceNumber.NewNumber();
        Assert.Equal(number, ReferenceNumber.Parse(" " + number.ToLowerInvariant() + " "));
        Assert.Equal(number, ReferenceNumber.Parse(number.Replace('-', ' ')));
        Assert.Equal(number, ReferenceNumber.Parse(number[3..]));
        Assert.Equal(number, ReferenceNumber.Parse(number.Replace("-", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Parse_reads_O_as_zero_and_I_or_L_as_one()
    {
        string number;
        do
        {
            number = ReferenceNumber.NewNumber();
        }
        while (!number[3..].Contains('0', StringComparison.Ordinal) || !number[3..].Contains('1', StringComparison.Ordinal));

        var misread = "HM-" + number[3..].Replace('0', 'O').Replace('1', 'l');
        Assert.Equal(number, ReferenceNumber.Parse(misread));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("HM-1234")]
    [InlineData("HM-1234-5678-9-0")]
    [InlineData("HM-UUUU-UUUU-U")]
    public void Parse_refuses_what_is_not_a_number(string? input) => Assert.Null(ReferenceNumber.Parse(input));

    [GeneratedRegex("^HM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$")]
    private static partial Regex Format();
}
