namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// A new email address for the person or their representative, waiting to be confirmed from the new mailbox. Until
/// then messages keep going to the old address; the old address was told, with a way to undo the change. Only the
/// SHA-256 of each link's token is stored; the addresses are encrypted like the report's.
/// </summary>
public sealed class EmailChange
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The representative's address, not the person's.</summary>
    public bool ForRepresentative { get; set; }

    public string NewAddress { get; set; } = string.Empty;

    /// <summary>The address in use when the change was asked for (null: there was none; nobody to warn).</summary>
    public string? OldAddress { get; set; }

    /// <summary>Hex SHA-256 of the token in the link to the new address.</summary>
    public string ConfirmTokenHash { get; set; } = string.Empty;

    /// <summary>Hex SHA-256 of the token in the link to the old address (null when there was no old address).</summary>
    public string? UndoTokenHash { get; set; }

    /// <summary>Who asked: the person, their representative or a member of staff (a name, never an address).</summary>
    public string RequestedBy { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime RequestedAt { get; set; }

    /// <summary>UTC; the confirmation link works until then.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>UTC; the undo link works until then (also after the new address was confirmed).</summary>
    public DateTime UndoUntil { get; set; }

    /// <summary>UTC; the new address was confirmed and is in use.</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>UTC; undone from the old mailbox.</summary>
    public DateTime? UndoneAt { get; set; }

    /// <summary>UTC; a later change of the same address replaced this one (its links no longer work).</summary>
    public DateTime? SupersededAt { get; set; }

    /// <summary>Neither confirmed, undone nor replaced, and not expired.</summary>
    public bool IsPending(DateTime now) => ConfirmedAt == null && UndoneAt == null && SupersededAt == null && ExpiresAt > now;
}
