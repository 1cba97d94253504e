using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>
/// "Call me back about this message": asked on Mijn melding about one email or letter (or by phone, taken down by
/// customer contact). A task for customer contact with a norm of two working days and the part of the day the person
/// chose; it is also a promise in the ledger. The phone number is personal data (encrypted).
/// </summary>
public sealed class CallbackRequest
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The email (outbox message) or letter it is about, if the person chose one.</summary>
    public Guid? MessageId { get; set; }

    /// <summary>The template of that message: per template, how many messages led to a request.</summary>
    public string? Template { get; set; }

    public ContactTime PartOfDay { get; set; }

    /// <summary>The number to call (encrypted).</summary>
    public string Phone { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime RequestedAt { get; set; }

    /// <summary>The last working day of the norm.</summary>
    public DateOnly DueOn { get; set; }

    public int Attempts { get; set; }

    /// <summary>UTC: when the person was reached.</summary>
    public DateTime? DoneAt { get; set; }

    public string? DoneById { get; set; }

    /// <summary>The promise it made.</summary>
    public Guid PromiseId { get; set; }
}
