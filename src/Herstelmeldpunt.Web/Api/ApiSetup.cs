using System.Globalization;
using System.Threading.RateLimiting;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Herstelmeldpunt.Web.Api;

/// <summary>Configuration section "Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>How long a bearer token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Token requests per minute per client address (the secret cannot be guessed; this keeps the table small).</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;

    /// <summary>The largest page a list answers with.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The address partners use, for the OpenAPI document's server (e.g. https://herstelmeldpunt.example.nl); the request's own when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    public string ContactName { get; set; } = "Herstelmeldpunt, team koppelingen";

    public string ContactEmail { get; set; } = "koppelingen@herstelmeldpunt.example.nl";

    public string ContactUrl { get; set; } = "https://herstelmeldpunt.example.nl/api";
}

/// <summary>
/// The API for partner systems under /api/v1 (docs/api.md, ADR 0018): the API Design Rules' version header,
/// problem+json for every error (never the HTML error pages), Accept-Language for texts, per-client rate
/// limits, bearer tokens, and an OpenAPI 3 document generated from the endpoints.
/// </summary>
public static partial class ApiSetup
{
    public const string Version = "1.0.0";
    public const string BasePath = "/api/v1";
    public const string DocumentName = "v1";
    public const string ClientRatePolicy = "api-client";
    public const string TokenRatePolicy = "api-token";
    public const string SecuritySchemeName = "oauth2";

    public static void AddPartnerApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, WebhookEventsInterceptor>(); // every case step's events, in its own save
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiBearerHandler>(ApiBearerHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder();
        builder.Services.Configure<AuthorizationOptions>(ApiPolicies.Add);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.Configure<RateLimiterOptions>(o =>
        {
            o.AddPolicy(ClientRatePolicy, context =>
            {
                var client = context.User.FindFirst(ApiBearerHandler.ClientIdClaim)?.Value;
                var perMinute = int.TryParse(context.User.FindFirst(ApiBearerHandler.RateClaim)?.Value, CultureInfo.InvariantCulture, out var n) ? n : 60;
                return RateLimitPartition.GetFixedWindowLimiter(
                    $"{client ?? Common.ClientAddress.Partition(context)}:{perMinute}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
            });
            o.AddPolicy(TokenRatePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                Common.ClientAddress.Partition(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            var other = o.OnRejected;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (IsApi(context.HttpContext.Request))
                {
                    if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    {
                        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        context.HttpContext.Response.Headers.RetryAfter = "60";
                    }

                    await ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Api.Problem.TooManyRequests");
                }
                else if (other is not null)
                {
                    await other(context, cancellationToken);
                }
            };
        });
        var webhooks = builder.Configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        builder.Services.AddSingleton(webhooks);
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = async (context, cancellationToken) =>
                {
                    // The address is checked after the name is resolved: a partner's name cannot point inside.
                    var addresses = await System.Net.Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                    var allowed = addresses.Where(a => webhooks.AllowPrivateNetworks || WebhookTargets.IsPublic(a)).ToList();
                    if (allowed.Count == 0)
                    {
                        throw new HttpRequestException(HttpRequestError.ConnectionError, "The webhook address is not in a public network.");
                    }

                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(allowed[0], context.DnsEndPoint.Port, cancellationToken);
                        return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            });
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddOperationTransformer(ApiDocument.TransformOperationAsync);
            o.AddDocumentTransformer(ApiDocument.TransformDocumentAsync);
        });
    }

    /// <summary>The API itself (not the reference page at /api).</summary>
    public static bool IsApi(HttpRequest request) => request.Path.Value?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// For /api requests: the API-Version header on every answer, the language from Accept-Language, no HTML
    /// status pages, and an unexpected exception answered as a 500 problem (logged without the body).
    /// Sits after the HTML exception handler and status pages, so it sees errors first.
    /// </summary>
    public static void UsePartnerApiConventions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => IsApi(c.Request), branch => branch.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["API-Version"] = Version;
                return Task.CompletedTask;
            });
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            var culture = PrefersEnglish(context.Request) ? Cultures.English : Cultures.Dutch;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await ApiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Api.Problem.Malformed");
            }
            catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
            {
                LogFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Herstelmeldpunt.Api"), exception, context.Request.Method, context.GetEndpoint()?.DisplayName ?? "(no endpoint)");
                context.Response.Clear();
                await ApiProblem.WriteAsync(context, StatusCodes.Status500InternalServerError, "Api.Problem.ServerError");
            }
        }));
    }

    public static void MapPartnerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        var api = app.MapGroup(BasePath).WithTags("Herstelmeldpunt");
        TokenEndpoint.Map(api);
        CaseListEndpoint.Map(api);
        CaseEndpoint.Map(api);
        CaseSearchEndpoint.Map(api);
        FileReportEndpoint.Map(api);
        ProvisionsEndpoint.Map(api);
        FiguresEndpoint.Map(api);
        StatusExportEndpoint.Map(api);
        WebhookEndpoints.Map(api);
        BatchEndpoints.Map(api);
        app.Map("/api/{**path}", (HttpContext http) => ApiProblem.Result(http, StatusCodes.Status404NotFound, "Api.Problem.NotFound"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    /// <summary>The common answers of an endpoint that needs a token with <paramref name="scope"/>.</summary>
    public static RouteHandlerBuilder Secured(this RouteHandlerBuilder endpoint, string scope)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                var http = context.HttpContext;
                if (!http.Items.ContainsKey(ApiAccessActions.LoggedItem))
                {
                    // Every call is in the access log: those that read or changed no case (refused input, webhooks) too.
                    var db = http.RequestServices.GetRequiredService<Data.AppDbContext>();
                    db.ChangeTracker.Clear();
                    Audit.AccessLog.Record(db, http.RequestServices.GetRequiredService<TimeProvider>(), http, "api." + (http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "call"), (Guid?)null, $"{http.Request.Method} {http.Request.Path}");
                    await db.SaveChangesAsync(http.RequestAborted);
                }

                return result;
            })
            .RequireAuthorization(ApiPolicies.For(scope))
            .RequireRateLimiting(ClientRatePolicy)
            .Produces<ApiProblem>(StatusCodes.Status401Unauthorized, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status403Forbidden, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status429TooManyRequests, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status500InternalServerError, ApiProblem.ContentType);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "API request {Method} {Endpoint} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string endpoint);

    private static bool PrefersEnglish(HttpRequest request)
    {
        var languages = request.GetTypedHeaders().AcceptLanguage;
        var first = languages.Where(l => (l.Quality ?? 1) > 0).OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value ?? string.Empty).FirstOrDefault();
        return first is not null && first.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }
}
