using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// "Straight to Mijn melding" from the receipt page works once, and only in the browser that filed: sending the form
/// issues a one-time link token (stored with the report, in the same save) and keeps it in an HttpOnly cookie scoped to
/// the receipt page; the button redeems it. The receipt's address alone — which sits in the proxy's access log and the
/// browser history — opens nothing (issue 27, item 2).
/// </summary>
public static class ReceiptAccess
{
    public const string CookieName = "hmp-filed";

    public const string CookiePath = "/melden/ontvangen";

    /// <summary>Issues the token in the caller's unit of work (saved with the report).</summary>
    public static string Issue(AppDbContext db, TimeProvider clock, ReporterAccessOptions options, Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReporterAccess.Issue(db, clock, options, report.Id, report.FiledByRepresentative, options.LinkLifetime);
    }

    /// <summary>Gives the filing browser the token, for as long as it works.</summary>
    public static void Remember(HttpContext http, string token, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    /// <summary>The token this browser holds (and forgets it: it works once either way).</summary>
    public static string? Take(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = http.Request.Cookies[CookieName];
        if (token is not null)
        {
            http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, Secure = http.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Strict });
        }

        return token;
    }
}
