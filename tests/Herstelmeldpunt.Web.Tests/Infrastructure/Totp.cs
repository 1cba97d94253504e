using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>
/// What an authenticator app does (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), so tests can sign
/// in the way staff do. Uses the real clock: ASP.NET Identity checks codes against it.
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, int stepOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(base32Key);
        var key = Base32Decode(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var step = (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30) + stepOffset;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined over HMAC-SHA1; this mirrors what phones compute.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
