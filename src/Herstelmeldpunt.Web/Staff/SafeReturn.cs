namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// Where a "return to" parameter may send someone: a path on this site and nothing else. Browsers drop
/// tabs and line breaks from addresses, so "/&#9;/elders.example" would become "//elders.example" (another
/// site); such values, and any that are not a plain local path, go to the fallback instead. Never throws:
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
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? url
            : fallback;

    /// <summary>After staff sign-in: only back-office paths are followed; anything else goes to the start page.</summary>
    public static string Url(string? returnUrl)
    {
        var local = Local(returnUrl, "/backoffice");
        return local.Equals("/backoffice", StringComparison.OrdinalIgnoreCase) || local.StartsWith("/backoffice/", StringComparison.OrdinalIgnoreCase) || local.StartsWith("/backoffice?", StringComparison.OrdinalIgnoreCase)
            ? local
            : "/backoffice";
    }
}
