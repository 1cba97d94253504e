using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// /api/v1/webhooks — a partner subscribes a URL to case events (received, state changed, decision final), lists
/// its subscriptions and removes one. The signing secret is in the answer to the subscription, once. Deliveries:
/// <see cref="WebhookSender"/>; the events carry no personal data, only ids and states (scope cases:read).
/// </summary>
public static class WebhookEndpoints
{
    public sealed record SubscribeRequest(string? Url, IReadOnlyList<string>? Events);

    public sealed record Subscription(Guid Id, string Url, IReadOnlyList<string> Events, DateTime CreatedAt);

    public sealed record NewSubscription(Guid Id, string Url, IReadOnlyList<string> Events, DateTime CreatedAt, string Secret);

    public sealed record SubscriptionList(IReadOnlyList<Subscription> Items);

    public const int MaxPerClient = 10;

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/webhooks", SubscribeAsync)
            .WithName("subscribeWebhook")
            .WithSummary("Een URL abonneren op gebeurtenissen van meldingen")
            .WithDescription("events: case.received, case.state-changed, case.decision-final. Het antwoord bevat één keer het geheim waarmee elke aflevering is ondertekend (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature).")
            .Accepts<SubscribeRequest>("application/json")
            .Produces<NewSubscription>(StatusCodes.Status201Created)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesRead);
        api.MapGet("/webhooks", ListAsync)
            .WithName("listWebhooks")
            .WithSummary("De abonnementen van deze koppeling")
            .Produces<SubscriptionList>(StatusCodes.Status200OK)
            .Secured(ApiScopes.CasesRead);
        api.MapDelete("/webhooks/{id:guid}", RemoveAsync)
            .WithName("removeWebhook")
            .WithSummary("Een abonnement opzeggen; wat nog niet is afgeleverd, wordt niet meer verstuurd")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, ApiProblem.ContentType)
            .Secured(ApiScopes.CasesRead);
    }

    private static Guid ClientOf(HttpContext http) => ApiCaller.Of(http).ClientId;

    private static async Task<IResult> SubscribeAsync(HttpContext http, AppDbContext db, WebhookOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = await ApiBody.ReadAsync<SubscribeRequest>(http, cancellationToken);
        if (request is null)
        {
            return ApiProblem.Result(http, StatusCodes.Status400BadRequest, "Api.Problem.Malformed");
        }

        var client = ClientOf(http);
        var problems = new List<(string, string, string)>();
        if (!WebhookTargets.IsValidUrl(request.Url, options))
        {
            problems.Add(("url", "invalid", "Api.Invalid.WebhookUrl"));
        }

        var events = (request.Events ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0 || events.Any(e => !WebhookEvents.All.Contains(e)))
        {
            problems.Add(("events", "invalid", "Api.Invalid.WebhookEvents"));
        }

        if (await db.Set<WebhookSubscription>().CountAsync(s => s.ClientId == client && s.RemovedAt == null, cancellationToken) >= MaxPerClient)
        {
            problems.Add(("url", "limit", "Api.Invalid.WebhookLimit"));
        }

        if (problems.Count > 0)
        {
            return ApiProblem.Invalid(http, problems);
        }

        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now),
            ClientId = client,
            Url = request.Url!,
            Events = string.Join(' ', events),
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = now.UtcDateTime,
        };
        db.Set<WebhookSubscription>().Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.Location = $"{ApiSetup.BasePath}/webhooks/{subscription.Id:D}";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new NewSubscription(subscription.Id, subscription.Url, events, subscription.CreatedAt, subscription.Secret), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var client = ClientOf(http);
        var items = await db.Set<WebhookSubscription>().AsNoTracking()
            .Where(s => s.ClientId == client && s.RemovedAt == null)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.Url, s.Events, s.CreatedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Json(new SubscriptionList([.. items.Select(s => new Subscription(s.Id, s.Url, s.Events.Split(' '), DateTime.SpecifyKind(s.CreatedAt, DateTimeKind.Utc)))]), ApiJson.Options);
    }

    private static async Task<IResult> RemoveAsync(Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = ClientOf(http);
        var removed = await db.Set<WebhookSubscription>()
            .Where(s => s.Id == id && s.ClientId == client && s.RemovedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RemovedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return removed == 0 ? ApiProblem.Result(http, StatusCodes.Status404NotFound, "Api.Problem.WebhookNotFound") : TypedResults.NoContent();
    }
}
