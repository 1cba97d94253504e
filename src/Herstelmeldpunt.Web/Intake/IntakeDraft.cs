namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// A public form the person chose to save to finish later ("Save and continue later"). Only on their request; the
/// answers (a BSN, health and money troubles among them) and the address the link went to are encrypted like the
/// report's; only the SHA-256 of the link's token is stored, and saving again replaces it (one valid link per draft).
/// Removed when the report is sent, and by the <see cref="IntakeDraftCleanup"/> job once expired.
/// </summary>
public sealed class IntakeDraft
{
    public Guid Id { get; set; }

    /// <summary>The form's idempotency key: one draft per form, so a double click on "save" or saving again from the same page keeps one draft, and sending the report removes it.</summary>
    public Guid FormKey { get; set; }

    /// <summary>Hex SHA-256 of the token in the newest link; the older links no longer match.</summary>
    public string TokenHash { get; set; } = string.Empty;

    /// <summary>The form's answers as JSON (encrypted).</summary>
    public string Answers { get; set; } = string.Empty;

    /// <summary>Where the link went (encrypted); the saved page shows it masked.</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>"nl" or "en": the mail's and the resumed form's language.</summary>
    public string Language { get; set; } = "nl";

    /// <summary>UTC, the last save.</summary>
    public DateTime SavedAt { get; set; }

    /// <summary>UTC; the link works until then, then the job removes the draft.</summary>
    public DateTime ExpiresAt { get; set; }
}
