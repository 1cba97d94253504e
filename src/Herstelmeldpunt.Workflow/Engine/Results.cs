using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Workflow.Engine;

public enum RefusalReason
{
    /// <summary>The case changed since the person loaded it: reload.</summary>
    Stale,
    UnknownTransition,
    NotAvailableInState,
    RoleNotAllowed,
    GuardFailed,
    InvalidInput,
}

/// <summary>A field the person must correct, with the key of the message.</summary>
public sealed record FieldProblem(string Field, string MessageKey);

/// <summary>A transition the actor's roles allow from the current state; <see cref="Blocked"/> when a guard says no (with why).</summary>
public sealed record TransitionOption(TransitionDefinition Transition, GuardVerdict Verdict)
{
    public bool Blocked => !Verdict.Passed;
}

/// <summary>What the host must store and do, in one transaction, after the engine moved the instance.</summary>
public sealed record Applied(
    WorkflowJournalEntry Journal,
    string? LeftState,
    IReadOnlyList<WorkflowTimer> NewTimers,
    IReadOnlyList<ActionCall> EntryActions,
    IReadOnlyList<string> Effects,
    IReadOnlyDictionary<string, string?> Data);

public sealed record Refused(RefusalReason Reason, string MessageKey, IReadOnlyList<FieldProblem> Problems);

/// <summary>Either <see cref="Applied"/> or <see cref="Refused"/>.</summary>
public sealed record TransitionResult(Applied? Applied, Refused? Refused)
{
    public bool Succeeded => Applied is not null;

    public static implicit operator TransitionResult(Applied applied) => new(applied, null);

    public static implicit operator TransitionResult(Refused refused) => new(null, refused);
}
