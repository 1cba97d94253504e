namespace Herstelmeldpunt.Web.Cases.Bookings;

/// <summary>How a conversation is held.</summary>
public enum SlotMode
{
    Phone = 1,
    Video = 2,
    Office = 3,
}

/// <summary>What a conversation is for: the talk about a proposed decision, or the hearing on an objection.</summary>
public enum ConversationPurpose
{
    DecisionConversation = 1,
    Hearing = 2,
}

/// <summary>
/// A time a member of staff offers for a conversation (table <c>ConversationSlots</c>). Free while <see cref="CaseId"/>
/// is null; a person takes it by one conditional update (<see cref="SlotBooking"/>), so two people never hold the same
/// slot, and a case holds at most one slot per purpose (a unique index). The way to move or cancel it by email is a
/// single-use token of its own, kept here as a hash only.
/// </summary>
public sealed class ConversationSlot
{
    public Guid Id { get; set; }

    /// <summary>The member of staff who holds the conversation (never shown to the person).</summary>
    public string StaffUserId { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime StartsAt { get; set; }

    public int Minutes { get; set; }

    public SlotMode Mode { get; set; }

    /// <summary>The office's address (at an office), or what the person needs to join a video call; never personal data.</summary>
    public string? Location { get; set; }

    public ConversationPurpose Purpose { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The case that holds it; null while free.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>UTC; when the case took it.</summary>
    public DateTime? BookedAt { get; set; }

    /// <summary>SHA-256 of the link's token to move or cancel it; null once used (or when there was no email to send it to).</summary>
    public string? ManageTokenHash { get; set; }

    /// <summary>UTC; when the reminder of the day before was queued for the current booking.</summary>
    public DateTime? ReminderSentAt { get; set; }

    /// <summary>UTC: the host marked the conversation as held (it keeps the promise of the booking).</summary>
    public DateTime? HeldAt { get; set; }

    /// <summary>UTC end.</summary>
    public DateTime EndsAt => StartsAt.AddMinutes(Minutes);
}
