using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>
/// Settings that would make the portal unsafe or send people nowhere: Production refuses to start with them,
/// elsewhere a warning at start-up. Once per start, so the logging is plain.
/// </summary>
#pragma warning disable CA1848 // once, at start-up
public static class StartupChecks
{
    /// <summary>Secure cookies on plain HTTP without a proxy: forms and sign-in would only work over HTTPS.</summary>
    public static void Transport(WebApplication app, CookieSecurePolicy secureCookies, string[] knownProxies)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(knownProxies);
        if (secureCookies == CookieSecurePolicy.Always && knownProxies.Length == 0
            && !(app.Configuration["ASPNETCORE_URLS"] ?? app.Configuration["urls"] ?? string.Empty).Contains("https", StringComparison.OrdinalIgnoreCase))
        {
            app.Logger.LogWarning("Cookies are Secure but the portal listens on plain HTTP without a proxy in ForwardedHeaders:KnownProxies: forms and sign-in only work over HTTPS. Put it behind the TLS proxy (docs/architecture.md, Deployment).");
        }
    }

    /// <summary>
    /// Without Email:PublicBaseUrl a link in a mail takes the address of the request that caused it — a request whose
    /// Host header anyone can set (a link request with "Host: evil.example" mailed the real reporter a working link on
    /// that host) — and background work has no request at all. Production refuses; elsewhere a warning.
    /// </summary>
    public static void LinkAddress(WebApplication app, EmailOptions email)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(email);
        if (app.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(email.PublicBaseUrl))
        {
            return;
        }

        if (app.Environment.IsProduction())
        {
            throw new InvalidOperationException("Email:PublicBaseUrl is not set: links in mails would take the address from the request's Host header. Set it to the portal's public address (https://…).");
        }

        app.Logger.LogWarning("Email:PublicBaseUrl is not set: links in email sent by background work will point to {Address}", email.ListeningBaseUrl);
    }

    /// <summary>Before serving: every step the definitions name has its class, the key ring is sealed (a ring stored in clear would let a copy of the database sign anyone in), and the contact details are real.</summary>
    public static void BeforeServing(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<Cases.Steps.CaseStepCatalogue>().Check(); // every effect and action named has exactly one class, or no start

        if (!KeyRingProtection.Encrypts(app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value))
        {
            // Never expected (the default seals it).
            RefuseInProduction(app, "The data-protection key ring would be stored unencrypted in the database (no certificate and no field cipher): a copy of the database would be a key.", string.Empty);
        }

        if (app.Services.GetRequiredService<ReportingPointContact>().PlaceholderSettings() is { Count: > 0 } placeholders)
        {
            // Every page, mail and letter names these; a placeholder number or post box sends people nowhere, and the objection address is in every decision letter.
            RefuseInProduction(app, $"The contact details {string.Join(", ", placeholders)} still have their placeholder values; set the real ones (README, Configuration).", " The portal does not start in Production with them.");
        }
    }

    /// <summary>
    /// PostgreSQL: a warning when the portal's own connection may change or empty the append-only logs — it owns the tables
    /// or is a superuser — because then "append-only" holds only against the application's code (docs/security.md, ADR 0026).
    /// Run by <see cref="StartupWarmUp"/> right after the node listens (it needs the EF model, which a start does not wait for).
    /// </summary>
    public static async Task LogRightsAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        bool mayDelete;
        try
        {
            mayDelete = await db.Database.SqlQuery<bool>($"""SELECT has_table_privilege('"AuditEntries"', 'DELETE') AS "Value" """).SingleAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseOutage.Is(e))
        {
            // A node starts while the database is away (ready stays unhealthy until it answers): the check waits for the next start.
            logger.LogWarning("The database did not answer at start-up; the rights of the portal's login were not checked.");
            return;
        }

        if (mayDelete)
        {
            logger.LogWarning("The portal's database login may change and delete the append-only logs (it owns the tables or is a superuser). Connect it as a member of {Role} and migrate with ConnectionStrings:{Owner} (docs/security.md).", DatabaseOptions.AppRole, DatabaseOptions.OwnerConnectionStringName);
        }
    }

    private static void RefuseInProduction(WebApplication app, string message, string refusal)
    {
        if (app.Environment.IsProduction())
        {
            throw new InvalidOperationException(message + refusal);
        }

        app.Logger.LogWarning("{Message}", message);
    }
}
#pragma warning restore CA1848
