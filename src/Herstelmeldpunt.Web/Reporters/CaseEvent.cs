namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Something that happened to a case outside its process steps — today: the reporter changed their
/// contact details or language on Mijn melding. Append-only; it names what changed, never the values.
/// </summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    public string ActorName { get; set; } = string.Empty;

    /// <summary>For example "contact_changed".</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Text keys of what changed, comma-separated (shown to staff in their language).</summary>
    public string Details { get; set; } = string.Empty;

    /// <summary>A new event of the case, at this moment, by this actor.</summary>
    public static CaseEvent Of(Guid caseId, DateTimeOffset now, string actorName, string kind, string details = "") => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = caseId,
        At = now.UtcDateTime,
        ActorName = actorName,
        Kind = kind,
        Details = details,
    };
}
