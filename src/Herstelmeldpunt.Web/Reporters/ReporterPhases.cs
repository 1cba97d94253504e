namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// The step indicator on Mijn melding: the process's many states told as five phases a person recognises — received,
/// the committee's advice, the decision, carrying it out and the call, done. A state off that road (outside the target
/// group, withdrawn) or one a later process version adds without a phase here shows no indicator, only its sentence.
/// </summary>
public static class ReporterPhases
{
    /// <summary>The text keys of the phases, in order ("MyReport.Phase.*").</summary>
    public static readonly IReadOnlyList<string> Keys = ["MyReport.Phase.Received", "MyReport.Phase.Advice", "MyReport.Phase.Decision", "MyReport.Phase.FollowUp", "MyReport.Phase.Done"];

    /// <summary>The phase (0-based) the state belongs to, or null when the indicator is not shown.</summary>
    public static int? Of(string state) => state switch
    {
        "screening" or "awaiting_information" => 0,
        "with_committee" or "advice_review" => 1,
        "awaiting_decision" or "decision_proposed" or "view_call_requested" or "view_received" or "decision_discussed" or "decision_final"
            or "objection" or "objection_upheld" or "objection_dismissed" => 2,
        "follow_up_scheduled" or "follow_up_call" or "follow_up_letter" or "back_with_manager" => 3,
        "closed" => 4,
        _ => null,
    };
}
