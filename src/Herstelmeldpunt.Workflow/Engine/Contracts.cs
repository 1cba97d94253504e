using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Workflow.Engine;

/// <summary>Who acts: a member of staff with roles, or the system (no id, for timers and intake).</summary>
public sealed record Actor(string? UserId, string Name, IReadOnlySet<string> Roles)
{
    /// <summary>The role of the system itself: transitions a timer takes list it. No person has it.</summary>
    public const string SystemRole = "System";

    public static Actor System(string name) => new(null, name, new HashSet<string> { SystemRole });
}

/// <summary>Passed, or refused with the key of a message for the person.</summary>
public sealed record GuardVerdict(bool Passed, string? ReasonKey)
{
    public static readonly GuardVerdict Pass = new(true, null);

    public static GuardVerdict Refuse(string reasonKey) => new(false, reasonKey);
}

/// <summary>The host's guards, evaluated against the subject as it is now.</summary>
public interface IGuardEvaluator
{
    GuardVerdict Evaluate(string guard, Actor actor, WorkflowInstance instance);
}

/// <summary>Turns "after P5D, working days" into a due time. The host knows the calendar (time zone, holidays).</summary>
public interface IDueDateCalculator
{
    DateTimeOffset DueAt(DateTimeOffset from, IsoDuration after, bool workingDays);
}

/// <summary>What a person entered with a transition.</summary>
public sealed record TransitionInput(int ExpectedVersion, IReadOnlyDictionary<string, string?> Data, string? Note);
