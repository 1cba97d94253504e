using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Cases.Process;

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
        public const string ViewCallRequested = "view_call_requested";
        public const string ViewReceived = "view_received";
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
            DecisionProposed, ViewCallRequested, ViewReceived, DecisionDiscussed, DecisionFinal, FollowUpScheduled, FollowUpCall, FollowUpLetter, BackWithManager, Closed, Withdrawn,
            Objection, ObjectionUpheld, ObjectionDismissed];

        /// <summary>States in which the directorate's decision is final, so the person may see it (Mijn melding).</summary>
        public static readonly IReadOnlySet<string> DecisionFinalOrAfter = new HashSet<string> { DecisionFinal, FollowUpScheduled, FollowUpCall, FollowUpLetter, BackWithManager, Closed,
            Objection, ObjectionDismissed };
    }

    /// <summary>Every transition name of every definition version (a test checks both ways against workflows/).</summary>
    public static class Transitions
    {
        public const string RequestInformation = "request_information";
        public const string InformationReceived = "information_received";
        public const string OutsideTargetGroup = "outside_target_group";
        public const string RouteToCommittee = "route_to_committee";
        public const string SubmitAdvice = "submit_advice";
        public const string ApproveAdvice = "approve_advice";
        public const string SendBackAdvice = "send_back_advice";
        public const string ProposeDecision = "propose_decision";
        public const string RecordConversation = "record_conversation";
        public const string FinaliseDecision = "finalise_decision";
        public const string SubmitView = "submit_view";
        public const string AgreeWithProposal = "agree_with_proposal";
        public const string RequestViewCall = "request_view_call";
        public const string ViewTermEnded = "view_term_ended";
        public const string ProvisionsCarriedOut = "provisions_carried_out";
        public const string CallDue = "call_due";
        public const string CallNotReached = "call_not_reached";
        public const string CallNotReachedLast = "call_not_reached_last";
        public const string NoPhoneNumber = "no_phone_number";
        public const string CallSatisfied = "call_satisfied";
        public const string CallDissatisfied = "call_dissatisfied";
        public const string LetterSent = "letter_sent";
        public const string SurveySatisfied = "survey_satisfied";
        public const string SurveyDissatisfied = "survey_dissatisfied";
        public const string CloseAfterFollowUp = "close_after_follow_up";
        public const string CloseAfterManagerReview = "close_after_manager_review";
        public const string AbandonFollowUp = "abandon_follow_up";
        public const string Withdraw = "withdraw";
        public const string Reopen = "reopen";
        public const string RegisterObjection = "register_objection";
        public const string DismissObjection = "dismiss_objection";
        public const string UpholdObjection = "uphold_objection";

        public static readonly IReadOnlyList<string> All = [RequestInformation, InformationReceived, OutsideTargetGroup, RouteToCommittee, SubmitAdvice, ApproveAdvice,
            SendBackAdvice, ProposeDecision, RecordConversation, FinaliseDecision, SubmitView, AgreeWithProposal, RequestViewCall, ViewTermEnded, ProvisionsCarriedOut, CallDue, CallNotReached, CallNotReachedLast, NoPhoneNumber,
            CallSatisfied, CallDissatisfied, LetterSent, SurveySatisfied, SurveyDissatisfied, CloseAfterFollowUp, CloseAfterManagerReview, AbandonFollowUp, Withdraw,
            Reopen, RegisterObjection, DismissObjection, UpholdObjection];
    }

    /// <summary>Every step field name of every definition version (a test checks both ways against workflows/).</summary>
    public static class Fields
    {
        public const string Question = "question";
        public const string AnswerBy = "answer_by";
        public const string Answer = "answer";
        public const string Explanation = "explanation";
        public const string Referral = "referral";
        public const string Urgency = "urgency";
        public const string UrgencyReason = "urgency_reason";
        public const string Assignee = "assignee";
        public const string AdoptsAdvice = "adopts_advice";
        public const string DeviationReasons = "deviation_reasons";
        public const string DecidedInstead = "decided_instead";
        public const string ConversationDate = "conversation_date";
        public const string Outcome = "outcome";
        public const string Agreement = "agreement";
        public const string FinancialConsequencesExplained = "financial_consequences_explained";
        public const string LabourExpert = "labour_expert";
        public const string SupportOffered = "support_offered";
        public const string Satisfaction = "satisfaction";
        public const string SatisfiedWithProvision = "satisfied_with_provision";
        public const string ActionNeeded = "action_needed";
        public const string Comments = "comments";
        public const string FollowUpResult = "follow_up_result";
        public const string ObjectionDate = "objection_date";
        public const string Grounds = "grounds";
        public const string LateReason = "late_reason";
        public const string Reasons = "reasons";
        public const string ViewPoint1 = "view_point_1";
        public const string ViewPoint2 = "view_point_2";
        public const string ViewPoint3 = "view_point_3";
        public const string RepresentativeName = "representative_name";
        public const string RepresentativeContact = "representative_contact";
        public const string RepresentativeIsLawyer = "representative_is_lawyer";

        /// <summary>The points of a view, in order (a person gives one to three).</summary>
        public static readonly IReadOnlyList<string> ViewPoints = [ViewPoint1, ViewPoint2, ViewPoint3];

        public static readonly IReadOnlyList<string> All = [Question, AnswerBy, Answer, Explanation, Referral, Urgency, UrgencyReason, Assignee, AdoptsAdvice,
            DeviationReasons, DecidedInstead, ConversationDate, Outcome, Agreement, FinancialConsequencesExplained, LabourExpert, SupportOffered, Satisfaction,
            SatisfiedWithProvision, ActionNeeded, Comments, FollowUpResult, ObjectionDate, Grounds, LateReason, Reasons, ViewPoint1, ViewPoint2, ViewPoint3,
            RepresentativeName, RepresentativeContact, RepresentativeIsLawyer];
    }

    public static class Guards
    {
        public const string InTargetGroupRegister = "in_target_group_register";
        public const string AssignedToActor = "assigned_to_actor";
        public const string AdviceComplete = "advice_complete";
        public const string NotAdviceAuthor = "not_advice_author";
        public const string CallAttemptsLeft = "call_attempts_left";
        public const string LastCallAttempt = "last_call_attempt";
        public const string ReporterCanBeCalled = "reporter_can_be_called";
        public const string ViewAnswered = "view_answered";
        public const string AdviceExplained = "advice_explained";
        public const string ObjectionHeard = "objection_heard";
    }

    public static class Effects
    {
        public const string ConfirmUrgency = "confirm_urgency";
        public const string RecordCallOutcome = "record_call_outcome";
        public const string RecordSurveyAnswer = "record_survey_answer";
        public const string RecordView = "record_view";
        public const string RecordObjection = "record_objection";

        public static readonly IReadOnlyList<string> All = [ConfirmUrgency, RecordCallOutcome, RecordSurveyAnswer, RecordView, RecordObjection];
    }

    public static class Actions
    {
        public const string AssignToCommittee = "assign_to_committee";
        public const string NotifyReporter = "notify_reporter";
        public const string EscalateToManager = "escalate_to_manager";
        public const string PlanFollowUpCall = "plan_follow_up_call";
        public const string FollowUpCallDue = "follow_up_call_due";
        public const string ViewTerm = "view_term";

        public static readonly IReadOnlyList<string> All = [AssignToCommittee, NotifyReporter, EscalateToManager, PlanFollowUpCall, FollowUpCallDue, ViewTerm];
    }

    /// <summary>
    /// The person who filed the report (or their representative), signed in to Mijn melding with an
    /// emailed link. Definitions list it on the transitions the reporter may take themselves (v3 on).
    /// </summary>
    public const string ReporterRole = "Reporter";

    /// <summary>The transition a due follow-up call timer takes, as the system.</summary>
    public const string CallDueTransition = Transitions.CallDue;

    /// <summary>From "call now" to the emailed satisfaction questions, when there is no phone number.</summary>
    public const string NoPhoneNumberTransition = Transitions.NoPhoneNumber;

    /// <summary>The directorate's proposed decision: whether it adopts the advice, else what instead and why (read by the decision letter).</summary>
    public const string ProposeDecisionTransition = Transitions.ProposeDecision;

    public static WorkflowVocabulary Create() => new(
        new HashSet<string>([.. StaffRoles.All, Herstelmeldpunt.Workflow.Engine.Actor.SystemRole, ReporterRole]),
        new HashSet<string> { Guards.InTargetGroupRegister, Guards.AssignedToActor, Guards.AdviceComplete, Guards.NotAdviceAuthor, Guards.CallAttemptsLeft, Guards.LastCallAttempt, Guards.ReporterCanBeCalled, Guards.ViewAnswered, Guards.AdviceExplained, Guards.ObjectionHeard },
        new HashSet<string>(Effects.All),
        new HashSet<string>(Actions.All));
}
