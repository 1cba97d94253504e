namespace Herstelmeldpunt.Web.Cases.Views;

/// <summary>How the person responded to a proposed decision (v5 on).</summary>
public enum ViewResponse
{
    /// <summary>They agree with the proposal.</summary>
    Agreed = 1,

    /// <summary>They wrote their view (zienswijze): one to three points the decision must answer.</summary>
    Written = 2,

    /// <summary>They asked to be called about it.</summary>
    CallRequested = 3,

    /// <summary>The term ended without a response.</summary>
    TermEnded = 4,

    /// <summary>Customer contact discussed the proposal with them on the phone (the conversation's record says how).</summary>
    Discussed = 5,
}

/// <summary>
/// One round of hearing the person on a proposed decision (Awb 4:7–4:8; table <c>DecisionViews</c>): opened when the
/// directorate proposes (the proposal's journal sequence names the round), with the last day to respond, and how and
/// when the person responded. A new proposal opens a new round. The person's points are
/// <see cref="DecisionViewPoint"/>s, each answered by the directorate before the decision becomes final (Awb 3:46).
/// </summary>
public sealed class DecisionView
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The journal sequence of the <c>propose_decision</c> step this round is about.</summary>
    public int ProposalSequence { get; set; }

    /// <summary>UTC.</summary>
    public DateTime OpenedAt { get; set; }

    /// <summary>The last day (Amsterdam) the person can respond; the page and the message name it.</summary>
    public DateOnly RespondBy { get; set; }

    public ViewResponse? Response { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? RespondedAt { get; set; }

    /// <summary>Staff recorded the response (a letter, a phone call); otherwise the person gave it on Mijn melding.</summary>
    public bool RecordedByStaff { get; set; }

    public List<DecisionViewPoint> Points { get; set; } = [];
}

/// <summary>A point the person raised, and the directorate's answer to it (encrypted: it may tell of health or money).</summary>
public sealed class DecisionViewPoint
{
    public Guid Id { get; set; }

    public Guid ViewId { get; set; }

    /// <summary>1, 2 or 3, as the person numbered them.</summary>
    public int Number { get; set; }

    public string Text { get; set; } = string.Empty;

    public string? Answer { get; set; }

    public string? AnsweredById { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? AnsweredAt { get; set; }
}

/// <summary>The one way to find a case's current round: the one of its latest proposal.</summary>
public static class DecisionViewQueries
{
    /// <summary>The case's rounds, latest first, only the latest (use with FirstOrDefaultAsync, or SelectMany for its points).</summary>
    public static IQueryable<DecisionView> LatestOf(this IQueryable<DecisionView> views, Guid caseId) =>
        views.Where(v => v.CaseId == caseId).OrderByDescending(v => v.ProposalSequence).Take(1);
}
