namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that causes it, so a
/// crash loses nothing. The sender delivers it and marks it sent; the idempotency key makes sure one
/// cause gives one message. Bodies never contain a BSN or health details.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string IdempotencyKey { get; set; } = string.Empty;

    public string ToAddress { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string TextBody { get; set; } = string.Empty;

    public string? HtmlBody { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC; the sender picks messages due at or before now.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>UTC; null until delivered.</summary>
    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
