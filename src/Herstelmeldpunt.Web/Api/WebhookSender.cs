using System.Text;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

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
                  AND NOT EXISTS (SELECT 1 FROM "JobPauses" WHERE "Job" = 'webhook-delivery')
                ORDER BY d."NextAttemptAt" LIMIT {2} {{skipLocked}})
            RETURNING *
            """, now, leaseUntil, size).AsNoTracking().ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return [.. claimed.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Delivery} to subscription {Subscription} not accepted (status {Status}), attempt {Attempts}")]
    private static partial void LogFailed(ILogger logger, Guid delivery, Guid subscription, int? status, int attempts);
}
