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
