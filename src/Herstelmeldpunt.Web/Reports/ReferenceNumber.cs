using System.Security.Cryptography;

namespace Herstelmeldpunt.Web.Reports;

/// <summary>
/// The human-friendly number a reporter quotes, for example <c>HM-7K3M-9QXP-R</c>:
/// eight random characters (40 bits from a cryptographic generator, so numbers cannot be guessed
/// from one another) and one check character (Luhn mod 32), which catches every single-character
/// typo and most swaps of neighbouring characters. The alphabet leaves out I, L, O and U so that
/// nothing is confused with 1, 0 or V; when parsing, O is read as 0 and I or L as 1.
/// </summary>
public static class ReferenceNumber
{
    public const string Prefix = "HM";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RandomLength = 8;

    /// <summary>Formatted length: "HM-" + 4 + "-" + 4 + "-" + 1.</summary>
    public const int FormattedLength = 14;

    public static string NewNumber()
    {
        Span<char> body = stackalloc char[RandomLength];
        for (var i = 0; i < RandomLength; i++)
        {
            body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Format(new string(body) + CheckCharacter(body));
    }

    /// <summary>Reads what a person typed; returns the canonical form, or null when it is not a valid number.</summary>
    public static string? Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var chars = input.ToUpperInvariant()
            .Where(c => !char.IsWhiteSpace(c) && c != '-')
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })
            .ToArray();
        var text = new string(chars);
        if (text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            text = text[Prefix.Length..];
        }

        if (text.Length != RandomLength + 1 || text.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        return CheckCharacter(text.AsSpan(0, RandomLength)) == text[RandomLength] ? Format(text) : null;
    }

    public static bool IsValid(string? input) => Parse(input) is not null;

    private static string Format(string nineChars) =>
        $"{Prefix}-{nineChars[..4]}-{nineChars[4..8]}-{nineChars[8]}";

    // Luhn mod N: double every second code point from the right, sum the digits in base N.
    private static char CheckCharacter(ReadOnlySpan<char> body)
    {
        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}
