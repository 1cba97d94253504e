using System.Threading.RateLimiting;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Operations;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

var builder = WebApplication.CreateBuilder(args);

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
var databaseOptions = DatabaseSetup.ReadOptions(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSingleton(FieldCipher.Load(builder.Configuration.GetSection(FieldEncryptionOptions.Section).Get<FieldEncryptionOptions>() ?? new FieldEncryptionOptions(), databaseOptions.DataDirectory));
builder.Services.AddAppDatabase(databaseOptions);
var texts = new JsonStringLocalizerFactory();
builder.Services.AddSingleton<IStringLocalizerFactory>(texts);
builder.Services.AddSingleton(texts.Localizer);
builder.Services.AddLocalization();
builder.Services.Configure<RequestLocalizationOptions>(Cultures.Configure);
builder.Services.AddRazorPages(o =>
{
    // Public pages say so; everything else falls under the fallback policy (signed-in staff with 2FA).
    o.Conventions.AllowAnonymousToPage("/Index");
    o.Conventions.AllowAnonymousToPage("/Privacy");
    o.Conventions.AllowAnonymousToPage("/Api/Index");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AllowAnonymousToFolder("/Intake");
    o.Conventions.AuthorizeFolder("/MyReport", ReporterAccess.Policy);
    o.Conventions.AllowAnonymousToPage("/MyReport/Open");
    o.Conventions.AllowAnonymousToPage("/MyReport/RequestLink");
    o.Conventions.AllowAnonymousToPage("/BackOffice/Account/Login");
    o.Conventions.AllowAnonymousToPage("/BackOffice/Account/LoginWithCode");
    o.Conventions.AllowAnonymousToPage("/BackOffice/Account/LoginWithRecoveryCode");
    o.Conventions.AllowAnonymousToPage("/BackOffice/Account/SetPassword");
    o.Conventions.AllowAnonymousToPage("/BackOffice/Account/AccessDenied");
    o.Conventions.AuthorizePage("/BackOffice/Account/EnableAuthenticator", Policies.SignedIn);
    o.Conventions.AuthorizePage("/BackOffice/Account/Logout", Policies.SignedIn);
    o.Conventions.AuthorizeFolder("/BackOffice/Admin", Policies.Accounts);
    o.Conventions.AuthorizeFolder("/BackOffice/Management", Policies.Dashboard);
    o.Conventions.AuthorizeFolder("/BackOffice/Cases", Policies.CaseFiles);
    o.Conventions.AuthorizeFolder("/BackOffice/Letters", Policies.LetterPrinting);
    o.Conventions.AuthorizeFolder("/BackOffice/Privacy", Policies.Privacy);
    o.Conventions.AuthorizePage("/BackOffice/Cases/New", Policies.StaffIntake);
    o.Conventions.AuthorizePage("/BackOffice/TargetGroup/Index", Policies.TargetGroupRegister);
    o.Conventions.AuthorizePage("/BackOffice/TargetGroup/Import", Policies.TargetGroupRegister);
    o.Conventions.AuthorizePage("/BackOffice/TargetGroup/Letters", Policies.TargetGroupRegister);
    o.Conventions.AuthorizePage("/BackOffice/TargetGroup/NotReported", Policies.NotReportedList);
    o.Conventions.AuthorizePage("/BackOffice/Processes", Policies.ProcessDiagrams);
});
// Outside Development every cookie that carries a session or a token is Secure: production runs behind a
// TLS-terminating proxy (docs/architecture.md, "Deployment"), which says so in X-Forwarded-Proto. Only a
// set-up without TLS on purpose (a browser test on plain loopback) may say Cookies:SecurePolicy=SameAsRequest.
var secureCookies = builder.Configuration.GetValue<Microsoft.AspNetCore.Http.CookieSecurePolicy?>("Cookies:SecurePolicy")
    ?? (builder.Environment.IsDevelopment() ? Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest : Microsoft.AspNetCore.Http.CookieSecurePolicy.Always);
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "hmp-af";
    o.Cookie.SecurePolicy = secureCookies;
    o.FormFieldName = "__RequestVerificationToken";
});

// Staff accounts: ASP.NET Core Identity in the application database.
builder.Services.AddIdentity<StaffUser, IdentityRole>(o =>
    {
        o.Password.RequiredLength = 12;
        o.Password.RequiredUniqueChars = 5;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
    .AddPasswordValidator<CommonPasswordValidator>()
    .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
    .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "hmp-staff";
    o.Cookie.HttpOnly = true;
    o.Cookie.SecurePolicy = secureCookies;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.LoginPath = "/backoffice/inloggen";
    o.LogoutPath = "/backoffice/uitloggen";
    o.AccessDeniedPath = "/backoffice/geen-toegang";
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    o.Events.OnValidatePrincipal = StaffSessionValidator.ValidateAsync;
    o.Events.OnSigningIn = StaffSessionValidator.SigningIn; // the absolute lifetime counts from here
});
foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
{
    builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, o => o.Cookie.SecurePolicy = secureCookies);
}

builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
builder.Services.AddAuthorization(Policies.Configure);
builder.AddPartnerApi();
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // a query that does not bind is a 400 problem (API) or a plain 400 (BadRequestMiddleware), never silently empty

// Reporters: no account; an emailed one-time link opens a session for one report (Mijn melding).
var reporterAccessOptions = builder.Configuration.GetSection(ReporterAccessOptions.Section).Get<ReporterAccessOptions>() ?? new ReporterAccessOptions();
builder.Services.AddSingleton(reporterAccessOptions);
var reportingPoint = builder.Configuration.GetSection(ReportingPointContact.Section).Get<ReportingPointContact>() ?? new ReportingPointContact();
builder.Services.AddSingleton(reportingPoint);
builder.Services.AddAuthentication().AddCookie(ReporterAccess.Scheme, o =>
{
    o.Cookie.Name = "hmp-reporter";
    o.Cookie.HttpOnly = true;
    o.Cookie.SecurePolicy = secureCookies;
    o.Cookie.SameSite = SameSiteMode.Lax; // the link arrives from a mail program: a cross-site navigation
    o.ExpireTimeSpan = reporterAccessOptions.SessionLifetime;
    o.SlidingExpiration = true;
    o.LoginPath = "/mijn-melding/link-aanvragen";
    o.AccessDeniedPath = "/mijn-melding/link-aanvragen";
    o.Events.OnValidatePrincipal = ReporterSignIns.ValidateAsync; // a session that was ended, or is past its absolute lifetime, is refused
});
builder.Services.AddAuthorizationBuilder().AddPolicy(ReporterAccess.Policy, p => p
    .AddAuthenticationSchemes(ReporterAccess.Scheme)
    .RequireAuthenticatedUser()
    .RequireClaim(ReporterAccess.ReportClaim));
var intakeOptions = builder.Configuration.GetSection(IntakeOptions.Section).Get<IntakeOptions>() ?? new IntakeOptions();
builder.Services.AddSingleton(intakeOptions);
builder.Services.AddSingleton<Herstelmeldpunt.Web.Cases.SearchTokens>();
builder.Services.AddScoped<CurrentPassword>();
builder.Services.AddSingleton<IntakeProtection>();
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    // Per client address: the socket's, or the one a configured proxy forwarded (UseForwardedHeaders below).
    o.AddPolicy(IntakeOptions.RatePolicy, context => RateLimitPartition.GetSlidingWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new SlidingWindowRateLimiterOptions { PermitLimit = intakeOptions.RequestsPerAddress, Window = TimeSpan.FromMinutes(10), SegmentsPerWindow = 10 }));
    // Only asking for a link counts: opening or reloading the form tells nobody anything, and people who share an
    // address (a service desk, a library) must not lock each other out by looking at it.
    o.AddPolicy(ReporterAccess.Policy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
        ? RateLimitPartition.GetNoLimiter("reading")
        : RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = reporterAccessOptions.LinkRequestsPerAddress, Window = TimeSpan.FromMinutes(10) }));
});

// The case process: every definition in workflows/ is loaded and validated now; an invalid one stops start-up.
var workflowDirectory = builder.Configuration["Workflow:DefinitionsDirectory"] is { Length: > 0 } configuredDirectory
    ? Path.GetFullPath(configuredDirectory, builder.Environment.ContentRootPath)
    : Path.Combine(AppContext.BaseDirectory, "workflows");
var workflowCatalog = WorkflowCatalog.LoadDirectory(workflowDirectory, CaseVocabulary.Create());
builder.Services.AddSingleton(workflowCatalog);
builder.Services.AddSingleton(builder.Configuration.GetSection(CalendarOptions.Section).Get<CalendarOptions>() ?? new CalendarOptions());
builder.Services.AddSingleton<WorkingDayCalendar>();
builder.Services.AddSingleton<IDueDateCalculator>(sp => sp.GetRequiredService<WorkingDayCalendar>());
builder.Services.AddSingleton<WorkflowEngine>();
builder.Services.AddSingleton(builder.Configuration.GetSection(DecisionTermOptions.Section).Get<DecisionTermOptions>() ?? new DecisionTermOptions());
builder.Services.AddSingleton<DecisionTerm>();
builder.Services.AddScoped<CaseWorkflow>();
builder.Services.AddScoped<Reassignment>();
builder.Services.AddSingleton(builder.Configuration.GetSection(FollowUpOptions.Section).Get<FollowUpOptions>() ?? new FollowUpOptions());
builder.Services.AddSingleton<FollowUpPlanner>();
builder.Services.AddScoped<ReportIntake>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ReporterMessages>();
builder.Services.AddScoped<PublicUrls>();
builder.Services.AddScoped<AuthenticationEvents>();
builder.Services.AddScoped<Herstelmeldpunt.Web.Audit.PersonFile>();
builder.Services.AddScoped<Herstelmeldpunt.Web.Letters.ReporterLetters>();
builder.Services.AddScoped<Herstelmeldpunt.Web.Letters.DecisionLetterText>();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton(builder.Configuration.GetSection(Herstelmeldpunt.Web.Documents.DocumentOptions.Section).Get<Herstelmeldpunt.Web.Documents.DocumentOptions>() ?? new Herstelmeldpunt.Web.Documents.DocumentOptions());
builder.Services.AddSingleton<Herstelmeldpunt.Web.Documents.VirusScanner>();
builder.Services.AddScoped<Herstelmeldpunt.Web.Documents.DocumentStore>();
builder.Services.AddSingleton<ProgressSnapshots>();
builder.Services.AddScoped<ProgressEstimator>();
builder.Services.AddSingleton(builder.Configuration.GetSection(Herstelmeldpunt.Web.Management.DashboardOptions.Section).Get<Herstelmeldpunt.Web.Management.DashboardOptions>() ?? new Herstelmeldpunt.Web.Management.DashboardOptions());
builder.Services.AddScoped<Herstelmeldpunt.Web.Management.Dashboard>();
builder.Services.AddSingleton<Herstelmeldpunt.Web.Management.DashboardRefresher>();
builder.Services.AddSingleton(EmailTemplates.Load()); // a missing or broken template stops start-up
builder.Services.AddSingleton(Herstelmeldpunt.Web.Letters.LetterTemplates.Load());

var emailOptions = builder.Configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
emailOptions.ListeningBaseUrl = EmailOptions.FirstListeningUrl(builder.Configuration["urls"]);
builder.Services.AddSingleton(emailOptions);
builder.Services.AddSingleton<MailDeliveryState>();
builder.Services.AddSingleton<OutboxSender>();
builder.Services.AddScoped<TimerFiring>();
// Refused at start-up below the floor (a mistyped period must not wipe cases).
builder.Services.AddSingleton((builder.Configuration.GetSection(Herstelmeldpunt.Web.Audit.RetentionOptions.Section).Get<Herstelmeldpunt.Web.Audit.RetentionOptions>() ?? new Herstelmeldpunt.Web.Audit.RetentionOptions()).Checked());
// Hangfire's tables are made or upgraded by whatever applies the migrations: the node at start-up, or the 'migrate' step.
builder.Services.AddBackgroundJobs(databaseOptions, builder.Configuration.GetSection(BackgroundJobOptions.Section).Get<BackgroundJobOptions>() ?? new BackgroundJobOptions(),
    prepareSchema: databaseOptions.MigrateOnStartup || args.Contains("migrate", StringComparer.OrdinalIgnoreCase));

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

// Read once: the start-up warning below and the forwarded-headers set-up further down both use it.
var knownProxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
var app = builder.Build();

if (secureCookies == Microsoft.AspNetCore.Http.CookieSecurePolicy.Always && knownProxies.Length == 0
    && !(app.Configuration["ASPNETCORE_URLS"] ?? app.Configuration["urls"] ?? string.Empty).Contains("https", StringComparison.OrdinalIgnoreCase))
{
#pragma warning disable CA1848 // once, at start-up
    app.Logger.LogWarning("Cookies are Secure but the portal listens on plain HTTP without a proxy in ForwardedHeaders:KnownProxies: forms and sign-in only work over HTTPS. Put it behind the TLS proxy (docs/architecture.md, Deployment).");
#pragma warning restore CA1848
}

if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await PrepareDatabaseAsync(app.Services);
    _ = app.Services.GetRequiredService<Hangfire.JobStorage>(); // on PostgreSQL: makes or upgrades Hangfire's schema
    Console.WriteLine("Database migrated.");
    return;
}

if (databaseOptions.MigrateOnStartup)
{
    await PrepareDatabaseAsync(app.Services);
}

if (args.Contains("reencrypt", StringComparer.OrdinalIgnoreCase))
{
    // After a key rotation (a new Encryption:CurrentKey) or an upgrade from before encryption.
    Console.WriteLine($"Written again with key '{app.Services.GetRequiredService<FieldCipher>().CurrentKeyId}': {await EncryptionMaintenance.ReencryptAllAsync(app.Services, Console.Out)} rows.");
    return;
}

if (!app.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(emailOptions.PublicBaseUrl))
{
    // Without it a link in a mail takes the address of the request that caused it — a request whose Host header anyone
    // can set (a link request with "Host: evil.example" mailed the real reporter a working link on that host) — and
    // background work has no request at all. Production refuses; elsewhere a warning.
    if (app.Environment.IsProduction())
    {
        throw new InvalidOperationException("Email:PublicBaseUrl is not set: links in mails would take the address from the request's Host header. Set it to the portal's public address (https://…).");
    }

#pragma warning disable CA1848 // once, at start-up
    app.Logger.LogWarning("Email:PublicBaseUrl is not set: links in email sent by background work will point to {Address}", emailOptions.ListeningBaseUrl);
#pragma warning restore CA1848
}

if (args.Contains("create-admin", StringComparer.OrdinalIgnoreCase))
{
    Environment.ExitCode = await CreateAdministratorCommand.RunAsync(app.Services, args, Console.Out);
    return;
}

if (!KeyRingProtection.Encrypts(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>().Value))
{
    // Never expected (the default seals it): a key ring stored in clear would let a copy of the database sign anyone in.
    const string clear = "The data-protection key ring would be stored unencrypted in the database (no certificate and no field cipher): a copy of the database would be a key.";
    if (app.Environment.IsProduction())
    {
        throw new InvalidOperationException(clear);
    }

#pragma warning disable CA1848 // once, at start-up
    app.Logger.LogWarning(clear);
#pragma warning restore CA1848
}

if (reportingPoint.PlaceholderSettings() is { Count: > 0 } placeholders)
{
    // Serving only (the commands above need no contact details). Every page, mail and letter names these; a placeholder number or post box sends people nowhere, and the objection address is in every decision letter.
    var message = $"The contact details {string.Join(", ", placeholders)} still have their placeholder values; set the real ones (README, Configuration).";
    if (app.Environment.IsProduction())
    {
        throw new InvalidOperationException(message + " The portal does not start in Production with them.");
    }

#pragma warning disable CA1848 // once, at start-up
    app.Logger.LogWarning("{Message}", message);
#pragma warning restore CA1848
}

// The client's address (rate limits) and scheme come from X-Forwarded-* only when the request comes from a
// proxy listed in ForwardedHeaders:KnownProxies; with none listed the headers are not read at all (anyone
// can send them, and an empty list would make the middleware trust every sender).
if (knownProxies.Length > 0)
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
    forwarded.KnownIPNetworks.Clear();
    forwarded.KnownProxies.Clear();
    foreach (var proxy in knownProxies)
    {
        if (proxy.Contains('/', StringComparison.Ordinal))
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy)); // a proxy whose address a container network hands out
        }
        else
        {
            forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }
    }

    app.UseForwardedHeaders(forwarded);
    if (!app.Environment.IsDevelopment())
    {
        // Behind the proxy: a request it says came in plain is sent to HTTPS (HSTS below keeps it there).
        // Not the health checks: the proxy and the orchestrator ask those over plain HTTP.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal), branch => branch.UseHttpsRedirection());
    }
}

app.UseMiddleware<SecurityHeadersMiddleware>();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/fout");
    app.UseHsts();
}

app.UseMiddleware<BadRequestMiddleware>();
app.UseStatusCodePagesWithReExecute("/fout/{0}");
app.UseStaticFiles();
app.UseRequestLocalization();
app.UsePartnerApiConventions();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<TwoFactorEnrolmentMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();

app.MapRazorPages();
app.MapJobsDashboard();
app.MapPartnerApi();
app.MapGet("/taal/{language}", (string language, string? terug, HttpContext http) =>
{
    if (Cultures.FromLanguage(language) is not { } culture)
    {
        return Results.NotFound();
    }

    Cultures.Remember(http, culture);
    return Results.LocalRedirect(SafeReturn.Local(terug, "/"));
}).AllowAnonymous();
// Unknown addresses: a plain 404 page for everyone. Without an endpoint the fallback policy would
// apply and send a member of the public to the staff sign-in.
app.MapFallback("{*path}", context =>
{
    context.Response.StatusCode = StatusCodes.Status404NotFound;
    return Task.CompletedTask;
}).AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();

// A command started beside this portal (create-admin) prints links on the address it really listens on.
app.Lifetime.ApplicationStarted.Register(() => ListeningAddress.Remember(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), databaseOptions.DataDirectory));
await app.RunAsync();

// What the deploy step does, and a node that migrates at start (the embedded default): the schema, the search
// hashes of rows written before they existed, the staff roles.
static async Task PrepareDatabaseAsync(IServiceProvider services)
{
    await DatabaseSetup.MigrateAsync(services);
    await using (var scope = services.CreateAsyncScope())
    {
        // Key-ring entries from before they were encrypted go (everyone signs in again once): a copy of the database must not be a key.
        await KeyRingProtection.RemovePlainKeysAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
    }

    await EncryptionMaintenance.BackfillHashesAsync(services);
    await StaffAccounts.EnsureRolesAsync(services);
}

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
