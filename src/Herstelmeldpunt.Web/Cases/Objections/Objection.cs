namespace Herstelmeldpunt.Web.Cases.Objections;

/// <summary>
/// An objection to a decision (process v6 on; table <c>Objections</c>): what came in and when, who helps the person,
/// whether it came in late (after <see cref="Terms.ObjectionTerm"/>) and, if so, the reasoned decision on lateness
/// (Awb 6:11); and the hearing (Awb 7:2): waived by the person, or held with its report, which the person reads on
/// Mijn melding. Texts are encrypted. One row per objection; the latest is the one being handled.
/// </summary>
public sealed class Objection
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The day it came in (Amsterdam).</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>UTC.</summary>
    public DateTime RegisteredAt { get; set; }

    /// <summary>"Reporter", "Representative" or the name of the member of staff who registered it.</summary>
    public string FiledBy { get; set; } = string.Empty;

    /// <summary>Why the person disagrees (encrypted).</summary>
    public string Grounds { get; set; } = string.Empty;

    /// <summary>Who helps the person with the objection (encrypted), and how to reach them (encrypted).</summary>
    public string? RepresentativeName { get; set; }

    public string? RepresentativeContact { get; set; }

    public bool RepresentativeIsLawyer { get; set; }

    /// <summary>The last day it would have been on time.</summary>
    public DateOnly LastDay { get; set; }

    public bool Late { get; set; }

    /// <summary>What the person (or staff) said about why it is late (encrypted).</summary>
    public string? LateReason { get; set; }

    /// <summary>Awb 6:11: null while undecided (only for a late objection).</summary>
    public bool? LatenessExcusable { get; set; }

    /// <summary>The reasons of the decision on lateness, which the person reads (encrypted).</summary>
    public string? LatenessReasons { get; set; }

    public DateTime? LatenessDecidedAt { get; set; }

    /// <summary>UTC; the person said they do not want to be heard.</summary>
    public DateTime? HearingWaivedAt { get; set; }

    public DateOnly? HearingHeldOn { get; set; }

    /// <summary>The hearing's report (encrypted), shown to the person.</summary>
    public string? HearingReport { get; set; }

    public string? HearingRecordedById { get; set; }

    /// <summary>Not decided yet and still able to be heard: the person may book the hearing or waive it.</summary>
    public bool HearingOpen => HearingWaivedAt is null && HearingHeldOn is null && LatenessExcusable != false;

    /// <summary>
    /// Why the objection cannot be decided yet (a text key), or null: a late objection first gets its decision on
    /// lateness; then the person is heard unless they waived it — an inexcusably late objection needs no hearing
    /// (Awb 7:3 a, manifestly inadmissible).
    /// </summary>
    public string? NotReadyToDecide() =>
        Late && LatenessExcusable is null ? "Guard.LatenessUndecided"
        : HearingOpen ? "Guard.NotHeard"
        : null;
}

/// <summary>Finding a case's objection.</summary>
public static class ObjectionQueries
{
    /// <summary>The case's objections, the latest (the one being handled) first.</summary>
    public static IQueryable<Objection> LatestOf(this IQueryable<Objection> objections, Guid caseId) =>
        objections.Where(o => o.CaseId == caseId).OrderByDescending(o => o.RegisteredAt);
}
