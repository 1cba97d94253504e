using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>The names the case process may use in workflows/*.json; anything else stops start-up.</summary>
public static class CaseVocabulary
{
    public const string DefinitionId = "herstelmelding";

    /// <summary>State names the code relies on (a test checks that the current definition has every one).</summary>
    public static class States
    {
        public const string Screening = "screening";
        public const string AwaitingInformation = "awaiting_information";
        public const string ClosedOutsideTargetGroup = "closed_outside_target_group";
        public const string WithCommittee = "with_committee";
        public const string AdviceReview = "advice_review";
        public const string AwaitingDecision = "awaiting_decision";
        public const string DecisionProposed = "decision_proposed";
        public const string DecisionDiscussed = "decision_discussed";
        public const string DecisionFinal = "decision_final";
        public const string FollowUpScheduled = "follow_up_scheduled";
        public const string FollowUpCall = "follow_up_call";
        public const string FollowUpLetter = "follow_up_letter";
        public const string BackWithManager = "back_with_manager";
        public const string Closed = "closed";
        public const string Withdrawn = "withdrawn";
        public const string Objection = "objection";
        public const string ObjectionUpheld = "objection_upheld";
        public const string ObjectionDismissed = "objection_dismissed";

        public static readonly IReadOnlyList<string> All = [Screening, AwaitingInformation, ClosedOutsideTargetGroup, WithCommittee, AdviceReview, AwaitingDecision,
            DecisionProposed, DecisionDiscussed, DecisionFinal, FollowUpScheduled, FollowUpCall, FollowUpLetter, BackWithManager, Closed, Withdrawn,
            Objection, ObjectionUpheld, ObjectionDismissed];

        /// <summary>States in which the directorate's decision is final, so the person may see it (Mijn melding).</summary>
        public static readonly IReadOnlySet<string> DecisionFinalOrAfter = new HashSet<string> { DecisionFinal, FollowUpScheduled, FollowUpCall, FollowUpLetter, BackWithManager, Closed,
            Objection, ObjectionDismissed };
    }

    public static class Guards
    {
        public const string InTargetGroupRegister = "in_target_group_register";
        public const string AssignedToActor = "assigned_to_actor";
        public const string AdviceComplete = "advice_complete";
        public const string NotAdviceAuthor = "not_advice_author";
        public const string CallAttemptsLeft = "call_attempts_left";
        public const string LastCallAttempt = "last_call_attempt";
    }

    public static class Effects
    {
        public const string ConfirmUrgency = "confirm_urgency";
        public const string RecordCallOutcome = "record_call_outcome";
        public const string RecordSurveyAnswer = "record_survey_answer";
    }

    public static class Actions
    {
        public const string AssignToCommittee = "assign_to_committee";
        public const string NotifyReporter = "notify_reporter";
        public const string EscalateToManager = "escalate_to_manager";
        public const string PlanFollowUpCall = "plan_follow_up_call";
        public const string FollowUpCallDue = "follow_up_call_due";
    }

    /// <summary>
    /// The person who filed the report (or their representative), signed in to Mijn melding with an
    /// emailed link. Definitions list it on the transitions the reporter may take themselves (v3 on).
    /// </summary>
    public const string ReporterRole = "Reporter";

    /// <summary>The transition a due follow-up call timer takes, as the system.</summary>
    public const string CallDueTransition = "call_due";

    /// <summary>From "call now" to the emailed satisfaction questions, when there is no phone number.</summary>
    public const string NoPhoneNumberTransition = "no_phone_number";

    /// <summary>The directorate's proposed decision: whether it adopts the advice, else what instead and why (read by the decision letter).</summary>
    public const string ProposeDecisionTransition = "propose_decision";

    public static WorkflowVocabulary Create() => new(
        new HashSet<string>([.. StaffRoles.All, Herstelmeldpunt.Workflow.Engine.Actor.SystemRole, ReporterRole]),
        new HashSet<string> { Guards.InTargetGroupRegister, Guards.AssignedToActor, Guards.AdviceComplete, Guards.NotAdviceAuthor, Guards.CallAttemptsLeft, Guards.LastCallAttempt },
        new HashSet<string> { Effects.ConfirmUrgency, Effects.RecordCallOutcome, Effects.RecordSurveyAnswer },
        new HashSet<string> { Actions.AssignToCommittee, Actions.NotifyReporter, Actions.EscalateToManager, Actions.PlanFollowUpCall, Actions.FollowUpCallDue });
}
