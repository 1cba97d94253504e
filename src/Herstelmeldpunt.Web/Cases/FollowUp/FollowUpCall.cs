namespace Herstelmeldpunt.Web.Cases.FollowUp;

/// <summary>
/// One planned satisfaction call after a decision (seed 001: everyone with a decision is called).
/// Planned when the case enters follow-up; completed when the caller records the outcome. At most
/// three attempts; the outcomes feed the management figures.
/// </summary>
public sealed class FollowUpCall
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public int Attempt { get; set; }

    /// <summary>UTC; office hours, Dutch time, the person's preferred part of the day.</summary>
    public DateTime ScheduledFor { get; set; }

    /// <summary>UTC; when the outcome was recorded.</summary>
    public DateTime? CalledAt { get; set; }

    public string? CalledById { get; set; }

    public bool? Reached { get; set; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Satisfaction { get; set; }

    public bool? SatisfiedWithProvision { get; set; }

    public bool? ActionNeeded { get; set; }

    public string? Comments { get; set; }

    /// <summary>
    /// The rule for a call and for the same questions answered online: not satisfied with the provision,
    /// a score of 1 or 2, or something still to do — then the case goes back to a manager.
    /// </summary>
    public bool IsDissatisfied => IsDissatisfiedAnswer(Satisfaction, SatisfiedWithProvision, ActionNeeded);

    public static bool IsDissatisfiedAnswer(int? satisfaction, bool? satisfiedWithProvision, bool? actionNeeded) =>
        satisfiedWithProvision == false || satisfaction <= 2 || actionNeeded == true;
}
