using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// The page an emailed link opens (also when the link no longer works) speaks the language of the link's report,
/// whatever the browser's language cookie says: the mail was in that language. A link we do not know speaks the
/// browser's language (Accept-Language), Dutch when it has neither. Only for /mijn-melding/link/…; one indexed
/// look-up by the token's hash.
/// </summary>
public sealed class ReporterLinkCultureProvider : RequestCultureProvider
{
    public const string PathPrefix = "/mijn-melding/link/";

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var path = httpContext.Request.Path.Value;
        if (path is null || !path.StartsWith(PathPrefix, StringComparison.Ordinal) || path.Length == PathPrefix.Length)
        {
            return null;
        }

        var hash = ReporterAccess.Hash(path[PathPrefix.Length..].TrimEnd('/'));
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var language = await (from t in db.ReporterAccessTokens
                              join r in db.Reports on t.ReportId equals r.Id
                              where t.TokenHash == hash
                              select r.Language).FirstOrDefaultAsync(httpContext.RequestAborted);
        if (Cultures.FromLanguage(language) is { } culture)
        {
            return new ProviderCultureResult(culture.Name);
        }

        // An unknown link: the browser's first language we speak.
        var accepted = httpContext.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1);
        var browser = accepted.Select(l => Cultures.FromLanguage(l.Value.Value?.Split('-')[0].ToLowerInvariant())).FirstOrDefault(c => c is not null);
        return browser is null ? null : new ProviderCultureResult(browser.Name);
    }
}
