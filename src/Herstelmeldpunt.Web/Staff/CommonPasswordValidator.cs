using System.Globalization;
using System.Text;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// Refuses passwords an attacker tries first (ASVS 2.1.7): the 1,000 most common passwords
/// (Staff/Passwords/common-passwords.txt, source in its header) and Dutch words people build on
/// (dutch-additions.txt), also when dressed up the usual way — capitals, digits and signs before or
/// after, letters swapped for look-alike digits ("Password123!", "W@chtw00rd2026") — and passwords
/// that contain the account's own email name or a part of its name.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<Ui> t) : IPasswordValidator<StaffUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule speaks for an empty one
        }

        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = t["Identity.PasswordCommon"] }));
        }

        return Task.FromResult(ContainsOwnName(password, user)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordHasOwnName", Description = t["Identity.PasswordHasOwnName"] })
            : IdentityResult.Success);
    }

    /// <summary>Whether the password is a common one, as typed or once the usual dressing is taken off.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.ToLowerInvariant();
        var core = Core(lower);
        return Common.Value.Contains(lower) || Common.Value.Contains(core) || Common.Value.Contains(Unleet(core)) || Common.Value.Contains(Core(Unleet(lower)));
    }

    private static bool ContainsOwnName(string password, StaffUser user)
    {
        var lower = Unleet(password.ToLowerInvariant());
        var parts = (user.DisplayName ?? string.Empty).Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Concat((user.Email ?? string.Empty).Split('@')[0].Split(['.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries))
            .Append((user.Email ?? string.Empty).Split('@')[0]);
        return parts.Select(p => p.ToLowerInvariant()).Where(p => p.Length >= 4).Any(p => lower.Contains(p, StringComparison.Ordinal));
    }

    /// <summary>The letters between the leading and trailing digits and signs ("password" of "!password123").</summary>
    private static string Core(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && !char.IsLetter(text[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static string Unleet(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', '!' => 'i', _ => c });
        }

        return builder.ToString();
    }

    private static HashSet<string> Load()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { "common-passwords.txt", "dutch-additions.txt" })
        {
            using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Herstelmeldpunt.Web.Staff.Passwords." + name)
                ?? throw new InvalidOperationException($"The password list {name} is not embedded.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && line[0] != '#')
                {
                    words.Add(line.Trim().ToLower(CultureInfo.InvariantCulture));
                }
            }
        }

        return words;
    }
}
