namespace Herstelmeldpunt.Web.Cases.Complaints;

/// <summary>What a complaint is about (the register counts per subject, Awb 9:12a).</summary>
public enum ComplaintSubject
{
    Treatment = 1,
    Communication = 2,
    Delay = 3,
    Reachability = 4,
    Other = 5,
}

/// <summary>How the complaints officer judged it.</summary>
public enum ComplaintOutcome
{
    Upheld = 1,
    PartlyUpheld = 2,
    NotUpheld = 3,
}

/// <summary>How the complaint reached us.</summary>
public enum ComplaintChannel
{
    MyReport = 1,
    PublicPage = 2,
    Phone = 3,
}

/// <summary>
/// A complaint about how the person was treated (Awb chapter 9; table <c>Complaints</c>), linked to their case. Handled
/// by a complaints officer who was not involved in the case (9:7), acknowledged in writing (9:6), the person heard
/// unless they waived it (9:10), decided within six weeks, once extendable by four (9:11), the decision naming the
/// National Ombudsman (9:12). Texts are encrypted.
/// </summary>
public sealed class Complaint
{
    public const int TermDays = 42;

    public const int ExtensionDays = 28;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public ComplaintSubject Subject { get; set; }

    /// <summary>What happened, in the person's words (encrypted).</summary>
    public string Text { get; set; } = string.Empty;

    public ComplaintChannel Channel { get; set; }

    /// <summary>"Reporter", "Representative" or the name of the member of staff who took the call.</summary>
    public string FiledBy { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime ReceivedAt { get; set; }

    /// <summary>The day it came in (Amsterdam); its year is the register's year.</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>The last day of the term to decide (six weeks; four more once extended).</summary>
    public DateOnly DueOn { get; set; }

    public bool Extended { get; set; }

    /// <summary>Why the term was extended, told to the person (encrypted).</summary>
    public string? ExtensionReason { get; set; }

    /// <summary>The complaints officer handling it.</summary>
    public string? OfficerId { get; set; }

    public string? OfficerName { get; set; }

    /// <summary>The person said they do not need to be heard (9:10).</summary>
    public bool HearingWaived { get; set; }

    public DateOnly? HearingHeldOn { get; set; }

    /// <summary>The hearing's report (encrypted).</summary>
    public string? HearingReport { get; set; }

    public DateTime? DecidedAt { get; set; }

    public ComplaintOutcome? Outcome { get; set; }

    /// <summary>The findings and reasons, which the person reads (encrypted).</summary>
    public string? Decision { get; set; }

    /// <summary>Upheld, wholly or in part: the case carries a visible flag (a query, read in the database).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Complaint, bool>> IsUpheld =
        c => c.Outcome == ComplaintOutcome.Upheld || c.Outcome == ComplaintOutcome.PartlyUpheld;
}
