using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

var builder = WebApplication.CreateBuilder(args);

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
builder.Services.AddAppDatabase(databaseOptions, builder.Configuration);
builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
builder.Services.AddLocalization();
builder.Services.Configure<RequestLocalizationOptions>(Cultures.Configure);
builder.Services.AddRazorPages();
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "hmp-af";
    o.FormFieldName = "__RequestVerificationToken";
});

// Keys live beside the data so that forms and cookies survive a restart.
builder.Services.AddDataProtection()
    .SetApplicationName("Herstelmeldpunt")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(databaseOptions.DataDirectory, "keys")));

builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.WebHost.ConfigureKestrel(o =>
{
    o.AddServerHeader = false;
    o.Limits.MaxRequestBodySize = 1024 * 1024;
});

var app = builder.Build();

if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await DatabaseSetup.MigrateAsync(app.Services);
    Console.WriteLine("Database migrated.");
    return;
}

if (databaseOptions.MigrateOnStartup)
{
    await DatabaseSetup.MigrateAsync(app.Services);
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
app.UseRouting();

app.MapRazorPages();
app.MapGet("/taal/{language}", (string language, string? terug, HttpContext http) =>
{
    if (Cultures.FromLanguage(language) is not { } culture)
    {
        return Results.NotFound();
    }

    Cultures.Remember(http, culture);
    var target = terug is not null && terug.StartsWith('/') && !terug.StartsWith("//", StringComparison.Ordinal) && !terug.StartsWith("/\\", StringComparison.Ordinal)
        ? terug
        : "/";
    return Results.LocalRedirect(target);
});
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
