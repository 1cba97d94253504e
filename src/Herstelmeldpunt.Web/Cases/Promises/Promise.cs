namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>What we promised the person, by kind (the ledger's "what"). Stored as text.</summary>
public enum PromiseKind
{
    /// <summary>We confirm that the report came in (the receipt is delivered or posted by the next working day).</summary>
    Receipt = 1,

    /// <summary>We call on that day, in the part of the day the person chose (the follow-up call).</summary>
    Call = 2,

    /// <summary>The expected decision date we told them (the end of the range).</summary>
    ExpectedDecision = 3,

    /// <summary>The legal decision term, as extended and told to them (Awb 4:13, 4:14).</summary>
    DecisionTerm = 4,

    /// <summary>The conversation they booked takes place.</summary>
    Conversation = 5,

    /// <summary>The decision on their complaint by its term (Awb 9:11).</summary>
    ComplaintDecision = 6,

    /// <summary>We call them back about a message they asked about, within the norm of two working days.</summary>
    CallBack = 7,
}

/// <summary>Where a promise stands. Stored as text.</summary>
public enum PromiseState
{
    /// <summary>Its date has not come yet.</summary>
    Open = 0,

    /// <summary>Done on or before the date.</summary>
    Kept = 1,

    /// <summary>The date passed before it was done (it stays late when done afterwards; see <see cref="Promise.FulfilledAt"/>).</summary>
    Late = 2,

    /// <summary>A newer date for the same thing was told before this one was due (or the person cancelled it).</summary>
    Replaced = 3,
}

/// <summary>
/// One dated promise to a person (the promise ledger): what, by when, who owns it, and whether it was kept. Made by the
/// message or letter that names the date (<see cref="PromiseCatalogue"/>), settled by the step that fulfils it
/// (<see cref="PromiseLedger"/>) or marked late by the daily watch, which sends one apology with a new date. No personal
/// data: the case id, a kind, dates and a staff id.
/// </summary>
public sealed class Promise
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public PromiseKind Kind { get; set; }

    /// <summary>The last day (Amsterdam date) on which doing it counts as kept.</summary>
    public DateOnly Due { get; set; }

    /// <summary>The message template that told the date (or "callback" for a request on Mijn melding).</summary>
    public string Template { get; set; } = string.Empty;

    /// <summary>The role that owns it: its late promises are on that role's worklist (and the manager's).</summary>
    public string OwnerRole { get; set; } = string.Empty;

    /// <summary>A member of staff who owns it in person (the complaint's officer, the conversation's host), if any.</summary>
    public string? OwnerId { get; set; }

    public PromiseState State { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC: when it became kept, late or replaced.</summary>
    public DateTime? SettledAt { get; set; }

    /// <summary>UTC: when it was done (also after it went late); a late promise not done is on the owners' worklists.</summary>
    public DateTime? FulfilledAt { get; set; }

    /// <summary>The late promise whose apology told this new date.</summary>
    public Guid? FollowsId { get; set; }
}
