using System.Threading.RateLimiting;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// The reporters' room at start-up: no account; an emailed one-time link opens a session for one report (Mijn
/// melding) in its own cookie, ended by signing out and after its absolute lifetime; asking for a link is rate-limited.
/// </summary>
public static class ReporterSetup
{
    public static IServiceCollection AddReporterAccess(this IServiceCollection services, IConfiguration configuration, CookieSecurePolicy secureCookies)
    {
        var options = services.AddSettings<ReporterAccessOptions>(configuration, ReporterAccessOptions.Section);
        services.AddSettings<ReportingPointContact>(configuration, ReportingPointContact.Section);
        services.AddSettings<EmailChangeOptions>(configuration, EmailChangeOptions.Section);
        services.AddAuthentication().AddCookie(ReporterAccess.Scheme, o =>
        {
            o.Cookie.Name = "hmp-reporter";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = secureCookies;
            o.Cookie.SameSite = SameSiteMode.Lax; // the link arrives from a mail program: a cross-site navigation
            o.ExpireTimeSpan = options.SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/mijn-melding/link-aanvragen";
            o.AccessDeniedPath = "/mijn-melding/link-aanvragen";
            o.Events.OnValidatePrincipal = ReporterSignIns.ValidateAsync; // a session that was ended, or is past its absolute lifetime, is refused
        });
        services.AddAuthorizationBuilder().AddPolicy(ReporterAccess.Policy, p => p
            .AddAuthenticationSchemes(ReporterAccess.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ReporterAccess.ReportClaim));
        services.AddRateLimiter(o =>
            // Only asking for a link counts: opening or reloading the form tells nobody anything, and people who share an
            // address (a service desk, a library) must not lock each other out by looking at it.
            o.AddPolicy(ReporterAccess.Policy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reading")
                : RateLimitPartition.GetFixedWindowLimiter(
                    Common.ClientAddress.Partition(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LinkRequestsPerAddress, Window = TimeSpan.FromMinutes(10) })));
        services.AddScoped<ReporterMessages>();
        services.AddScoped<ReporterOverview>();
        services.AddScoped<EmailChanges>();
        services.AddScoped<Cases.Retriage.SituationOutcome>();
        return services;
    }
}
