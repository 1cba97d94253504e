using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// A partner's subscription to case events: where to send them, which ones, and the secret the deliveries are
/// signed with (given once when subscribing, kept encrypted: the client's own secret is only kept as a hash).
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public string Url { get; set; } = string.Empty;

    /// <summary>Space-separated <see cref="WebhookEvents"/>.</summary>
    public string Events { get; set; } = string.Empty;

    /// <summary>"whsec_" + base64 of 32 random bytes (Standard Webhooks); encrypted at rest.</summary>
    public string Secret { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? RemovedAt { get; set; }
}

/// <summary>
/// One event for one subscription, written in the same transaction as the step that caused it (an outbox), sent by
/// <see cref="WebhookSender"/> until the partner answers 2xx, with back-off; after <see cref="WebhookOptions.GiveUpAfter"/>
/// it is marked failed and kept, and an administrator can send it again. Nothing is lost while a partner is down.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary>The event's id: the same for every subscription and every attempt (the receiver's deduplication key).</summary>
    public Guid EventId { get; set; }

    public string EventType { get; set; } = string.Empty;

    public Guid CaseId { get; set; }

    /// <summary>The JSON body: ids, states and times only — no personal data.</summary>
    public string Payload { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>Since when it is being tried: the event's time, or when an administrator sent it again. Give-up counts from here.</summary>
    public DateTime RetryingSince { get; set; }

    public int Attempts { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? FailedAt { get; set; }

    public int? LastStatus { get; set; }

    public string? LastError { get; set; }
}

public static class WebhookEvents
{
    public const string Received = "case.received";
    public const string StateChanged = "case.state-changed";
    public const string DecisionFinal = "case.decision-final";

    public static readonly IReadOnlyList<string> All = [Received, StateChanged, DecisionFinal];

    /// <summary>
    /// Adds a delivery per subscription for every case step in this unit of work (called by the context on save, so
    /// whatever takes a step — a page, the API, a timer, the reporter — the events go out with it or not at all).
    /// </summary>
    public static async Task QueueAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Steps(db) is { Count: > 0 } steps)
        {
            Add(db, steps, await Subscriptions(db).ToListAsync(cancellationToken));
        }
    }

    /// <summary>The same for the synchronous SaveChanges.</summary>
    public static void Queue(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Steps(db) is { Count: > 0 } steps)
        {
            Add(db, steps, [.. Subscriptions(db)]);
        }
    }

    private static List<WorkflowJournalEntry> Steps(AppDbContext db) =>
        db.ChangeTracker.Entries<WorkflowJournalEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    private sealed class Target
    {
        public Guid Id { get; init; }

        public string Events { get; init; } = string.Empty;
    }

    private static IQueryable<Target> Subscriptions(AppDbContext db) =>
        db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.RemovedAt == null).Select(s => new Target { Id = s.Id, Events = s.Events });

    private static void Add(AppDbContext db, List<WorkflowJournalEntry> steps, List<Target> subscriptions)
    {
        foreach (var step in steps)
        {
            foreach (var type in TypesOf(step))
            {
                var eventId = Guid.CreateVersion7(new DateTimeOffset(step.At, TimeSpan.Zero));
                var payload = JsonSerializer.Serialize(new WebhookPayload(eventId, type, DateTime.SpecifyKind(step.At, DateTimeKind.Utc), new WebhookCase(step.InstanceId, step.Transition, step.FromState, step.ToState, $"{ApiSetup.BasePath}/cases/{step.InstanceId:D}")), ApiJson.Options);
                foreach (var subscription in subscriptions.Where(s => s.Events.Split(' ').Contains(type)))
                {
                    db.Set<WebhookDelivery>().Add(new WebhookDelivery
                    {
                        Id = Guid.CreateVersion7(new DateTimeOffset(step.At, TimeSpan.Zero)),
                        SubscriptionId = subscription.Id,
                        EventId = eventId,
                        EventType = type,
                        CaseId = step.InstanceId,
                        Payload = payload,
                        CreatedAt = step.At,
                        NextAttemptAt = step.At,
                        RetryingSince = step.At,
                    });
                }
            }
        }
    }

    private static IEnumerable<string> TypesOf(WorkflowJournalEntry step)
    {
        yield return step.FromState is null ? Received : StateChanged;
        if (step.ToState == CaseVocabulary.States.DecisionFinal)
        {
            yield return DecisionFinal;
        }
    }
}

/// <summary>What a partner receives: the event and the case's id, step and states; the rest they read with GET /cases/{id}.</summary>
public sealed record WebhookPayload(Guid Id, string Type, DateTime OccurredAt, WebhookCase Case);

public sealed record WebhookCase(Guid Id, string Transition, string? FromState, string ToState, string Href);

/// <summary>Configuration section "Api:Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "Api:Webhooks";

    /// <summary>Deliveries per sweep run.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long one delivery may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After this long without a 2xx a delivery is marked failed (kept; an administrator can send it again).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Plain http targets (only for a test receiver on this machine).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Targets in loopback or private networks (only for a test receiver on this machine): otherwise refused, so a subscription cannot reach inside.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Cron of the delivery sweep (seconds field allowed).</summary>
    public string Cron { get; set; } = "*/15 * * * * *";
}

/// <summary>Which addresses a webhook may be delivered to: no loopback, link-local or private networks unless configured.</summary>
public static class WebhookTargets
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (EmbeddedIPv4(address) is { } embedded)
        {
            // An IPv4 address carried inside IPv6 (::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged as that address.
            return IsPublic(embedded);
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || b[0] == 0
            || b[0] >= 224);
    }

    /// <summary>The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address, else null.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var b = address.GetAddressBytes();
        static bool Zero(ReadOnlySpan<byte> span) => !span.ContainsAnyExcept((byte)0);
        if (Zero(b.AsSpan(0, 12)) && !Zero(b.AsSpan(12, 4)) && !IPAddress.IsLoopback(address))
        {
            return new IPAddress(b.AsSpan(12, 4)); // ::a.b.c.d (deprecated, still routed by some stacks)
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && Zero(b.AsSpan(4, 8)))
        {
            return new IPAddress(b.AsSpan(12, 4)); // 64:ff9b::/96, the well-known NAT64 prefix
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null; // 2002:aabb:ccdd::/48, 6to4
    }

    /// <summary>A subscription's URL: absolute https (http only when allowed), no user info, at most 500 characters.</summary>
    public static bool IsValidUrl(string? url, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return url is { Length: > 0 and <= 500 }
            && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
            && string.IsNullOrEmpty(uri.UserInfo)
            && string.IsNullOrEmpty(uri.Fragment);
    }
}

/// <summary>Signatures after the Standard Webhooks scheme: HMAC-SHA256 over "{id}.{timestamp}.{body}", base64, "v1," in front.</summary>
public static class WebhookSignature
{
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, Guid eventId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{eventId:D}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}

/// <summary>
/// Delivers due webhook deliveries: claims a batch (a lease, so two nodes never send the same one at once), POSTs
/// each signed body, and records the answer. Back-off after a failure: 30 s, 2 min, 10 min, 30 min, 1 h, then every
/// 2 h, until <see cref="WebhookOptions.GiveUpAfter"/>. At least once: a receiver deduplicates on webhook-id.
/// </summary>
public sealed partial class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory http, WebhookOptions options, TimeProvider clock, ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhooks";

    private static readonly TimeSpan[] BackOff = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];

    public static TimeSpan Delay(int attempts) => attempts <= BackOff.Length ? BackOff[Math.Max(attempts, 1) - 1] : TimeSpan.FromHours(2);

    /// <summary>Sends until nothing is due; returns how many were delivered. The recurring job "webhook-delivery" (Hangfire).</summary>
    [Scheduling.SweepJob]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var (claimed, ok) = await DeliverBatchAsync(cancellationToken);
            delivered += ok;
            if (claimed < options.BatchSize)
            {
                return delivered;
            }
        }
    }

    public async Task<(int Claimed, int Delivered)> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = await ClaimAsync(db, now, now + options.Timeout + TimeSpan.FromMinutes(1), options.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return (0, 0);
        }

        var subscriptionIds = batch.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var client = http.CreateClient(HttpClientName);
        var delivered = 0;
        foreach (var delivery in batch)
        {
            var subscription = subscriptions[delivery.SubscriptionId];
            var (status, error) = await PostAsync(client, subscription, delivery, cancellationToken);
            var at = clock.GetUtcNow().UtcDateTime;
            var ok = status is >= 200 and < 300;
            delivered += ok ? 1 : 0;
            var attempts = delivery.Attempts + 1;
            var giveUp = !ok && at - delivery.RetryingSince >= options.GiveUpAfter;
            await db.Set<WebhookDelivery>().Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(
                s => s
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.LastStatus, status)
                    .SetProperty(d => d.LastError, error)
                    .SetProperty(d => d.DeliveredAt, ok ? at : null)
                    .SetProperty(d => d.FailedAt, giveUp ? at : null)
                    .SetProperty(d => d.NextAttemptAt, ok || giveUp ? at : at + Delay(attempts)),
                cancellationToken);
            if (!ok)
            {
                LogFailed(logger, delivery.Id, subscription.Id, status, attempts);
            }
        }

        return (batch.Count, delivered);
    }

    private async Task<(int? Status, string? Error)> PostAsync(HttpClient client, WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.EventId.ToString("D"));
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(subscription.Secret, delivery.EventId, timestamp, delivery.Payload));
        request.Headers.Add("webhook-type", delivery.EventType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "Timeout");
        }
    }

    private static async Task<List<WebhookDelivery>> ClaimAsync(AppDbContext db, DateTime now, DateTime leaseUntil, int size, CancellationToken cancellationToken)
    {
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE OF d SKIP LOCKED" : string.Empty;
#pragma warning disable EF1002 // the only text put into this SQL is the constant above; values are parameters
        var claimed = await db.Set<WebhookDelivery>().FromSqlRaw(
            $$"""
            UPDATE "WebhookDeliveries" SET "NextAttemptAt" = {1}
            WHERE "Id" IN (
                SELECT d."Id" FROM "WebhookDeliveries" d
                JOIN "WebhookSubscriptions" s ON s."Id" = d."SubscriptionId"
                WHERE d."DeliveredAt" IS NULL AND d."FailedAt" IS NULL AND d."NextAttemptAt" <= {0} AND s."RemovedAt" IS NULL
                ORDER BY d."NextAttemptAt" LIMIT {2} {{skipLocked}})
            RETURNING *
            """, now, leaseUntil, size).AsNoTracking().ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return [.. claimed.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Delivery} to subscription {Subscription} not accepted (status {Status}), attempt {Attempts}")]
    private static partial void LogFailed(ILogger logger, Guid delivery, Guid subscription, int? status, int attempts);
}
