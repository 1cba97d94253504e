using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>The names the case process may use in workflows/*.json; anything else stops start-up.</summary>
public static class CaseVocabulary
{
    public const string DefinitionId = "herstelmelding";

    public static class Guards
    {
        public const string InTargetGroupRegister = "in_target_group_register";
        public const string AssignedToActor = "assigned_to_actor";
        public const string AdviceComplete = "advice_complete";
        public const string NotAdviceAuthor = "not_advice_author";
    }

    public static class Effects
    {
        public const string ConfirmUrgency = "confirm_urgency";
    }

    public static class Actions
    {
        public const string AssignToCommittee = "assign_to_committee";
        public const string NotifyReporter = "notify_reporter";
        public const string EscalateToManager = "escalate_to_manager";
    }

    public static WorkflowVocabulary Create() => new(
        new HashSet<string>(StaffRoles.All),
        new HashSet<string> { Guards.InTargetGroupRegister, Guards.AssignedToActor, Guards.AdviceComplete, Guards.NotAdviceAuthor },
        new HashSet<string> { Effects.ConfirmUrgency },
        new HashSet<string> { Actions.AssignToCommittee, Actions.NotifyReporter, Actions.EscalateToManager });
}
