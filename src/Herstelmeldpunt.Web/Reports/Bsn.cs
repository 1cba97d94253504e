namespace Herstelmeldpunt.Web.Reports;

/// <summary>
/// The Dutch citizen service number (burgerservicenummer). Valid when it has 9 digits and passes
/// the "elfproef": 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not zero).
/// </summary>
public static class Bsn
{
    /// <summary>Removes the spaces, dots and dashes people type between the digits.</summary>
    public static string Normalize(string? input) =>
        new((input ?? string.Empty).Where(c => c is not (' ' or '.' or '-' or '\u00A0')).ToArray());

    public static bool HasNineDigits(string normalized) =>
        normalized.Length == 9 && normalized.All(char.IsAsciiDigit);

    public static bool PassesElevenCheck(string normalized)
    {
        if (!HasNineDigits(normalized))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (normalized[i] - '0');
        }

        sum -= normalized[8] - '0';
        return sum != 0 && sum % 11 == 0;
    }

    public static bool IsValid(string? input) => PassesElevenCheck(Normalize(input));
}
