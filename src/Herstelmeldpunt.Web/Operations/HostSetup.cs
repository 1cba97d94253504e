using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>
/// The host around the rooms: settings from secret files, JSON logs, the clock, texts and cultures, form tokens,
/// the key ring (in the database, sealed: ADR 0024), HTTPS and HSTS, health checks and Kestrel's limits.
/// </summary>
public static class HostSetup
{
    /// <summary>
    /// Outside Development every cookie that carries a session or a token is Secure: production runs behind a
    /// TLS-terminating proxy (docs/architecture.md, "Deployment"), which says so in X-Forwarded-Proto. Only a
    /// set-up without TLS on purpose (a browser test on plain loopback) may say Cookies:SecurePolicy=SameAsRequest.
    /// </summary>
    public static CookieSecurePolicy SecureCookies(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Configuration.GetValue<CookieSecurePolicy?>("Cookies:SecurePolicy")
            ?? (builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
    }

    /// <summary>Settings as files, logging, the clock, the texts: before anything reads configuration.</summary>
    public static void AddHostBasics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Secrets as files, one per setting (Docker/compose secrets): /run/secrets/ConnectionStrings__Herstelmeldpunt
        // holds that setting's value. Read after the environment, so a file wins over a variable of the same name.
        builder.Configuration.AddKeyPerFile(builder.Configuration["SecretsDirectory"] ?? "/run/secrets", optional: true);

        // Structured logs (JSON) outside Development. Log messages never carry personal data: see Report.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions());
        var texts = new JsonStringLocalizerFactory();
        builder.Services.AddSingleton<IStringLocalizerFactory>(texts);
        builder.Services.AddSingleton(texts.Localizer);
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(Cultures.Configure);
    }

    /// <summary>Form tokens, the sealed key ring, HTTPS, health checks and the request limits.</summary>
    public static void AddHostProtection(this WebApplicationBuilder builder, CookieSecurePolicy secureCookies)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "hmp-af";
            o.Cookie.SecurePolicy = secureCookies;
            o.FormFieldName = "__RequestVerificationToken";
        });

        // A query that does not bind is a 400 problem (API) or a plain 400 (BadRequestMiddleware), never silently empty.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // The key ring lives in the database, so every node reads the cookies and form tokens of every other and
        // they survive a restart; its master keys are encrypted before they are stored, with a certificate when one is
        // configured, else with a key derived from the field-encryption key (never in the database): a copy of the
        // database signs nobody in (KeyRingProtection, ADR 0024).
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("Herstelmeldpunt")
            .PersistKeysToDbContext<AppDbContext>();
        StartupWarmUp.DeferKeyRingLoading(builder.Services);
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
        }

        KeyRingProtection.UseFieldCipherUnlessCertificate(builder.Services);

        builder.Services.AddHttpsRedirection(o => o.HttpsPort = builder.Configuration.GetValue("ForwardedHeaders:HttpsPort", 443));
        builder.Services.AddHsts(o =>
        {
            // A year, subdomains included (the default is 30 days without): a browser that once came over TLS never falls back.
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<MailHealthCheck>("mail", tags: ["ready"])
            .AddCheck<VirusScannerHealthCheck>("virus-scanner", tags: ["ready"]);
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = 1024 * 1024;
        });
    }
}
