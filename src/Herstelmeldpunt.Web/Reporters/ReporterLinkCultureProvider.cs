using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// The page an emailed link opens (also when the link no longer works) speaks the language of the link's report,
/// whatever the browser's language cookie says: the mail was in that language. A link we do not know speaks the
/// browser's language (Accept-Language), Dutch when it has neither. Only for /mijn-melding/link/…, a booking's
/// own link /afspraak/… and the links of a changed email address; one indexed look-up by the token's hash.
/// </summary>
public sealed class ReporterLinkCultureProvider : RequestCultureProvider
{
    public const string PathPrefix = "/mijn-melding/link/";

    /// <summary>The link to move or cancel a booked conversation (<see cref="Cases.Bookings.SlotBooking"/>).</summary>
    public const string BookingPathPrefix = "/afspraak/";

    /// <summary>The links of a changed email address (<see cref="EmailChanges"/>): to confirm the new one, to undo from the old one.</summary>
    public const string ConfirmEmailPathPrefix = "/mijn-melding/e-mailadres/bevestigen/";

    public const string UndoEmailPathPrefix = "/mijn-melding/e-mailadres/terugdraaien/";

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var path = httpContext.Request.Path.Value;
        var prefix = path is null ? null : new[] { PathPrefix, BookingPathPrefix, ConfirmEmailPathPrefix, UndoEmailPathPrefix }.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal) && path.Length > p.Length);
        if (prefix is null)
        {
            return null;
        }

        var hash = ReporterAccess.Hash(path![prefix.Length..].TrimEnd('/'));
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var language = prefix switch
        {
            PathPrefix => await (from t in db.ReporterAccessTokens
                                 join r in db.Reports on t.ReportId equals r.Id
                                 where t.TokenHash == hash
                                 select r.Language).FirstOrDefaultAsync(httpContext.RequestAborted),
            BookingPathPrefix => await (from s in db.ConversationSlots
                                        join r in db.Reports on s.CaseId equals r.Id
                                        where s.ManageTokenHash == hash
                                        select r.Language).FirstOrDefaultAsync(httpContext.RequestAborted),
            ConfirmEmailPathPrefix => await (from c in db.EmailChanges
                                             join r in db.Reports on c.CaseId equals r.Id
                                             where c.ConfirmTokenHash == hash
                                             select r.Language).FirstOrDefaultAsync(httpContext.RequestAborted),
            _ => await (from c in db.EmailChanges
                        join r in db.Reports on c.CaseId equals r.Id
                        where c.UndoTokenHash == hash
                        select r.Language).FirstOrDefaultAsync(httpContext.RequestAborted),
        };
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
