namespace Herstelmeldpunt.Web.Staff;

/// <summary>Only back-office paths of this site are followed after sign-in; anything else goes to the start page.</summary>
public static class SafeReturn
{
    public static string Url(string? returnUrl) =>
        returnUrl is not null
        && returnUrl.StartsWith("/backoffice", StringComparison.OrdinalIgnoreCase)
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : "/backoffice";
}
