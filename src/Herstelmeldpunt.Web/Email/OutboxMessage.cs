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

    /// <summary>A keyed hash of <see cref="ToAddress"/> (set on save): which mails went to one address can be found without decrypting them all.</summary>
    public string ToAddressHash { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    /// <summary>Empty after delivery when <see cref="ContainsOneTimeLink"/>: the link must not stay readable.</summary>
    public string TextBody { get; set; } = string.Empty;

    public string? HtmlBody { get; set; }

    /// <summary>Which template made the message (kept when the body is blanked).</summary>
    public string? Template { get; set; }

    /// <summary>The body carries a one-time link (set a password): blank it once the message is sent.</summary>
    public bool ContainsOneTimeLink { get; set; }

    /// <summary>A calendar file to attach (a booked conversation: time, kind, office address); no personal data.</summary>
    public string? CalendarFile { get; set; }

    /// <summary>Lower goes first: staff mail is never stuck behind a flood of receipts.</summary>
    public OutboxPriority Priority { get; set; } = OutboxPriority.Reporter;

    /// <summary>The case the message is about, if any: the case page shows its undeliverable mail.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC; the sender picks messages due at or before now. While a sender holds it, this is its lease end.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>UTC; null until delivered.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>UTC; set when the server refused the message for good (a 5xx reply, an impossible address). Never retried by itself.</summary>
    public DateTime? FailedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The server's reply or the kind of failure; never the body.</summary>
    public string? LastError { get; set; }
}

/// <summary>Delivery order of queued mail (stored as a number, lower first).</summary>
public enum OutboxPriority
{
    /// <summary>Invitations, escalations, deadlines: staff act on them.</summary>
    Staff = 0,

    /// <summary>Messages to a reporter about their case.</summary>
    Reporter = 1,

    /// <summary>Receipts of a new report: the kind that comes in floods.</summary>
    Receipt = 2,
}
