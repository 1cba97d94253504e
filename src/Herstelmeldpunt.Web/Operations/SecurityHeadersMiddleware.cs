namespace Herstelmeldpunt.Web.Operations;

/// <summary>Headers every page gets. Pages hold personal data, so browsers and proxies must not store them (unless a page of public figures says it is public and sets no cookie).</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    /// <summary>
    /// Hangfire's dashboard: the same, plus the one inline style its script bundle applies (jQuery's
    /// feature test), allowed by its hash only. Scripts stay 'self'. A Hangfire upgrade that changes it
    /// shows up as a console error in the browser test of the dashboard.
    /// </summary>
    private const string JobsDashboardPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-hashes' 'sha256-z7zcnw/4WalZqx+PrNaRnoeLz/G9WXuFqV1WCJ129sg='; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        // Read now: inside the dashboard's branch the path base swallows "/backoffice/taken".
        var jobsDashboard = context.Request.Path.StartsWithSegments(Scheduling.JobsDashboard.Path, StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = jobsDashboard ? JobsDashboardPolicy : Policy;
            // Only a response that declared itself public (the public progress figures, the same for everyone) may be stored.
            if (!context.Request.Path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
                && !(headers.CacheControl.ToString().StartsWith("public", StringComparison.Ordinal) && !headers.ContainsKey("Set-Cookie")))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
