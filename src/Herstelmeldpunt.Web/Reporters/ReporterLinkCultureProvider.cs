using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// The page an emailed link opens (also when the link no longer works) speaks the language of the link's report,
/// whatever the browser's language cookie says: the mail was in that language. A link we do not know speaks the
/// browser's language (Accept-Language), Dutch when it has neither. Only for /mijn-melding/link/… and a booking's
/// own link /afspraak/…; one indexed look-up by the token's hash.
/// </summary>
public sealed class ReporterLinkCultureProvider : RequestCultureProvider
{
    public const string PathPrefix = "/mijn-melding/link/";

    /// <summary>The link to move or cancel a booked conversation (<see cref="Cases.Bookings.SlotBooking"/>).</summary>
    public const string BookingPathPrefix = "/afspraak/";

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var path = httpContext.Request.Path.Value;
        var prefix = path is null ? null : new[] { PathPrefix, BookingPathPrefix }.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal) && path.Length > p.Length);
        if (prefix is null)
        {
            return null;
        }

        var hash = ReporterAccess.Hash(path![prefix.Length..].TrimEnd('/'));
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var language = prefix == PathPrefix
            ? await (from t in db.ReporterAccessTokens
                     join r in db.Reports on t.ReportId equals r.Id
                     where t.TokenHash == hash
                     select r.Language).FirstOrDefaultAsync(httpContext.RequestAborted)
            : await (from s in db.ConversationSlots
                     join r in db.Reports on s.CaseId equals r.Id
                     where s.ManageTokenHash == hash
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
