using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// Authenticator codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that work once. ASP.NET
/// Identity's own provider accepts the same code again for as long as it is valid, so a code seen over
/// someone's shoulder signs in a second time; this one remembers the last time step it accepted per
/// account (<see cref="StaffUser.LastAuthenticatorStep"/>) and refuses a code at or before it. The
/// clock is the injected <see cref="TimeProvider"/>. A code of the step before or after the current
/// one is accepted (phones' clocks drift); the step is stored through the user manager, whose
/// concurrency stamp makes two simultaneous uses of one code end in one success.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(TimeProvider clock) : AuthenticatorTokenProvider<StaffUser>
{
    /// <summary>Steps either side of now that are accepted.</summary>
    public const int AllowedDrift = 1;

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)
            || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } base32Key)
        {
            return false;
        }

        var key = Base32.Decode(base32Key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        for (var step = now + AllowedDrift; step >= now - AllowedDrift; step--)
        {
            if (step <= (user.LastAuthenticatorStep ?? long.MinValue))
            {
                return false; // this code, and every older one, has been used
            }

            if (CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                user.LastAuthenticatorStep = step;
                return (await manager.UpdateAsync(user)).Succeeded;
            }
        }

        return false;
    }

    /// <summary>The 6-digit code of one time step.</summary>
    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined over HMAC-SHA1: what every authenticator app computes.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, as the authenticator key is shown and stored.</summary>
    public static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[] Decode(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            var bytes = new List<byte>(text.Length * 5 / 8);
            int buffer = 0, bits = 0;
            foreach (var c in text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
            {
                var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
                if (value < 0)
                {
                    throw new FormatException("The authenticator key is not base32.");
                }

                buffer = (buffer << 5) | value;
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
}
