using System.Text;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Workflow.Tests;

/// <summary>The names the host app implements (the app validates the real files against its own list at start-up too).</summary>
internal static class TestVocabulary
{
    public static readonly string[] Roles = ["IntakeStaff", "CommitteeMember", "CommitteeChair", "SmzDecisionMaker", "CustomerContact", "Manager", "Administrator", Actor.SystemRole, "Reporter"];

    public static readonly WorkflowVocabulary Vocabulary = new(
        new HashSet<string>(Roles),
        new HashSet<string> { "in_target_group_register", "assigned_to_actor", "advice_complete", "not_advice_author", "call_attempts_left", "last_call_attempt", "reporter_can_be_called", "view_answered", "advice_explained", "objection_heard" },
        new HashSet<string> { "confirm_urgency", "record_call_outcome", "record_survey_answer", "record_view", "record_objection" },
        new HashSet<string> { "assign_to_committee", "notify_reporter", "escalate_to_manager", "plan_follow_up_call", "follow_up_call_due", "view_term" });

    public static string WorkflowsDirectory => Path.Combine(AppContext.BaseDirectory, "workflows");

    public static byte[] RealDefinition() => File.ReadAllBytes(Path.Combine(WorkflowsDirectory, "herstelmelding.v1.json"));

    public static WorkflowCatalog Catalog(params (string Name, string Json)[] files) =>
        WorkflowCatalog.Load(files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Json))), Vocabulary);

    public static Actor Staff(string id, params string[] roles) => new(id, "Test " + id, new HashSet<string>(roles));
}

/// <summary>Guards that answer as the test says; unknown guards pass.</summary>
internal sealed class ScriptedGuards : IGuardEvaluator
{
    public Dictionary<string, GuardVerdict> Verdicts { get; } = new();

    public GuardVerdict Evaluate(string guard, Actor actor, WorkflowInstance instance) =>
        Verdicts.TryGetValue(guard, out var verdict) ? verdict : GuardVerdict.Pass;
}

/// <summary>Adds calendar days (working days are the host's business, tested there).</summary>
internal sealed class PlainDays : IDueDateCalculator
{
    public DateTimeOffset DueAt(DateTimeOffset from, IsoDuration after, bool workingDays) => from.AddDays(after.TotalDays) + after.TimeOfDay;
}
