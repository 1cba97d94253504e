using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Scheduling;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>The order of the middleware and the endpoints, in one block: the order is the security.</summary>
public static class Pipeline
{
    public static void UsePortal(this WebApplication app, string[] knownProxies)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(knownProxies);

        // The client's address (rate limits) and scheme come from X-Forwarded-* only when the request comes from a
        // proxy listed in ForwardedHeaders:KnownProxies; with none listed the headers are not read at all (anyone
        // can send them, and an empty list would make the middleware trust every sender).
        if (knownProxies.Length > 0)
        {
            app.UseForwardedHeaders(Forwarded(knownProxies));
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
        Management.PublicOpenData.MapPublicOpenData(app);
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
        app.Lifetime.ApplicationStarted.Register(() => ListeningAddress.Remember(
            app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), app.Services.GetRequiredService<Data.DatabaseOptions>().DataDirectory));
    }

    private static ForwardedHeadersOptions Forwarded(string[] knownProxies)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
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

        return forwarded;
    }
}
