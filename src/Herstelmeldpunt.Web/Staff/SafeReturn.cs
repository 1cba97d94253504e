namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// Where a "return to" parameter may send someone: a path on this site and nothing else. Browsers drop
/// tabs and line breaks from addresses, so "/&#9;/elders.example" would become "//elders.example" (another
/// site); such values, and any that are not a plain local path, go to the fallback instead; non-ASCII is percent-encoded. Never throws:
/// ASP.NET's LocalRedirect answered 500 to them.
/// </summary>
public static class SafeReturn
{
    /// <summary>A local path of this site, or <paramref name="fallback"/>.</summary>
    public static string Local(string? url, string fallback) =>
        url is { Length: > 0 and <= 2000 }
        && url[0] == '/'
        && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Contains('\\', StringComparison.Ordinal)
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || Common.HiddenCharacters.Is(c))
            ? AsciiOnly(url)
            : fallback;

    /// <summary>Non-ASCII (a search for "José") percent-encoded as UTF-8: a Location header takes ASCII only (it gave a 500).</summary>
    private static string AsciiOnly(string url)
    {
        if (url.All(c => c <= '\u007e'))
        {
            return url;
        }

        var result = new System.Text.StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value <= 0x7e)
            {
                result.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    /// <summary>After staff sign-in: only back-office paths are followed; anything else goes to the start page.</summary>
    public static string Url(string? returnUrl)
    {
        var local = Local(returnUrl, "/backoffice");
        return local.Equals("/backoffice", StringComparison.OrdinalIgnoreCase) || local.StartsWith("/backoffice/", StringComparison.OrdinalIgnoreCase) || local.StartsWith("/backoffice?", StringComparison.OrdinalIgnoreCase)
            ? local
            : "/backoffice";
    }
}
