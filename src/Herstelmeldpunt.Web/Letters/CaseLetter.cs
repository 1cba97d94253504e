namespace Herstelmeldpunt.Web.Letters;

/// <summary>How a letter reaches the person.</summary>
public enum LetterDelivery
{
    /// <summary>The person reads email: the letter is kept with the case and on Mijn melding, not printed.</summary>
    Online = 1,

    /// <summary>Printed in the next batch and posted.</summary>
    Post = 2,

    /// <summary>Should be posted, but the case has no complete address: staff must ask for one.</summary>
    NoAddress = 3,
}

/// <summary>
/// A letter to the person, rendered as PDF when it was written and kept with the case unchanged: the
/// bytes, their SHA-256, and the day it was posted. Holds personal data (name, address, the question or
/// decision): shown only to the case's roles and to that reporter's session.
/// </summary>
public sealed class CaseLetter
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>One letter per event: a retried step finds the key and writes no second letter.</summary>
    public string IdempotencyKey { get; set; } = string.Empty;

    /// <summary>The template it was written from (Letters/Templates), e.g. "decision_final".</summary>
    public string Template { get; set; } = string.Empty;

    public string Language { get; set; } = "nl";

    public string Subject { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public byte[] Pdf { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 of <see cref="Pdf"/>.</summary>
    public string Sha256 { get; set; } = string.Empty;

    public int Pages { get; set; }

    public LetterDelivery Delivery { get; set; }

    /// <summary>The day the letter was printed for posting (Amsterdam date); null while waiting.</summary>
    public DateOnly? SentOn { get; set; }

    /// <summary>The print batch it went out in.</summary>
    public Guid? PrintBatchId { get; set; }
}
