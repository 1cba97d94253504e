namespace Herstelmeldpunt.Web.Reports;

public enum ReportSource
{
    PublicForm = 1,
    Staff = 2,

    /// <summary>Filed by a partner system through the API (POST /api/v1/cases).</summary>
    Partner = 3,
}

/// <summary>How a case brought in by staff reached them.</summary>
public enum IntakeChannel
{
    Phone = 1,
    Letter = 2,
    Counter = 3,
    ColleagueSignal = 4,
}

public enum ContactChannel
{
    Phone = 1,
    Email = 2,
}

public enum ContactTime
{
    NoPreference = 0,
    Morning = 1,
    Afternoon = 2,
}

/// <summary>
/// A report (melding): one submission by or for one person. Holds personal data (BSN, health and
/// distress descriptions): never log, put in a URL or email any of its fields except
/// <see cref="ReferenceNumber"/>, <see cref="Urgency"/> and <see cref="Source"/>.
/// </summary>
public sealed class Report
{
    public Guid Id { get; set; }

    /// <summary>Formatted as <c>HM-XXXX-XXXX-C</c>; see <see cref="Reports.ReferenceNumber"/>.</summary>
    public string ReferenceNumber { get; set; } = string.Empty;

    /// <summary>Generated when the form is first shown; a repeated POST with the same key stores nothing new.</summary>
    public Guid IdempotencyKey { get; set; }

    /// <summary>The public form's stamp (the moment it was shown, with an id): one stamp files one report. Null for staff and partner intake.</summary>
    public Guid? FormStamp { get; set; }

    /// <summary>UTC instant, from the injected TimeProvider.</summary>
    public DateTime ReceivedAt { get; set; }

    public ReportSource Source { get; set; }

    public UrgencyLevel Urgency { get; set; }

    /// <summary>"nl" or "en": the language the reporter used, for later letters and emails.</summary>
    public string Language { get; set; } = "nl";

    public string FullName { get; set; } = string.Empty;

    /// <summary>9 digits, normalised, passes the elfproef.</summary>
    public string Bsn { get; set; } = string.Empty;

    /// <summary>A keyed hash of <see cref="Bsn"/> (set on save, <see cref="Data.SearchHashes"/>): what searches, the register and duplicate checks match on.</summary>
    public string BsnHash { get; set; } = string.Empty;

    /// <summary>Keyed hashes of the words of <see cref="FullName"/> (set on save): a name search finds whole words.</summary>
    public string NameIndex { get; set; } = string.Empty;

    public DateOnly DateOfBirth { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public ContactChannel PreferredChannel { get; set; }

    /// <summary>Address for letters (the person's, or of whoever helps them): street and house number. Required at intake when no email address is given.</summary>
    public string? AddressStreet { get; set; }

    /// <summary>"1234 AB" for a Dutch postcode; as given for another country.</summary>
    public string? AddressPostcode { get; set; }

    public string? AddressCity { get; set; }

    /// <summary>Whether letters can be posted: the address is complete.</summary>
    public bool HasPostalAddress => AddressStreet is not null && AddressPostcode is not null && AddressCity is not null;

    public ContactTime PreferredTime { get; set; }

    public bool FiledByRepresentative { get; set; }

    public string? RepresentativeName { get; set; }

    public string? RepresentativeRelation { get; set; }

    public string? RepresentativeEmail { get; set; }

    public string? RepresentativePhone { get; set; }

    /// <summary>The representative stated that they are authorised to act for the person.</summary>
    public bool RepresentativeDeclaredAuthorised { get; set; }

    public bool EmotionalTrouble { get; set; }

    public bool PsychologicalTrouble { get; set; }

    public bool FinancialTrouble { get; set; }

    public string Description { get; set; } = string.Empty;

    public bool NoIncome { get; set; }

    public bool DebtCollectionOrEviction { get; set; }

    public bool CrisisOrDanger { get; set; }

    /// <summary>UTC instant at which the reporter consented to processing (submission time).</summary>
    public DateTime ConsentGivenAt { get; set; }

    /// <summary>Staff intake only: how the case reached staff.</summary>
    public IntakeChannel? Channel { get; set; }

    /// <summary>Staff intake only: why staff brought the case in.</summary>
    public string? StaffReason { get; set; }

    /// <summary>Staff intake only: the staff member who brought the case in (AspNetUsers.Id).</summary>
    public string? CreatedByUserId { get; set; }

    /// <summary>
    /// Set when an earlier report for the same BSN existed at intake: the first one. A second report is
    /// flagged and linked, never merged or dropped.
    /// </summary>
    public Guid? DuplicateOfReportId { get; set; }

    /// <summary>UTC: when the retention period ended and the person's data was removed (<see cref="Audit.Retention"/>); null while it is kept.</summary>
    public DateTime? AnonymisedAt { get; set; }

    /// <summary>UTC: the last message or letter sent to the person (or their representative), or when the report came in before that; the silence alarm reads it.</summary>
    public DateTime? LastMessageAt { get; set; }

    /// <summary>
    /// A copy of the case's workflow state (<c>WorkflowInstance.State</c>), written in the same save as every change of
    /// that state by <see cref="Cases.Promises.SilenceClock"/>: the silence list of a member's states reads one index of
    /// (state, clock) per state instead of walking every silent case's clock (ADR 0037). Never read as the case's state.
    /// </summary>
    public string? CaseState { get; set; }
}
