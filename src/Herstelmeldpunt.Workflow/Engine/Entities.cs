namespace Herstelmeldpunt.Workflow.Engine;

/// <summary>
/// One running process for one subject (here: a report; the instance id is the report id). Pinned to
/// the definition version it started on. <see cref="Version"/> rises with every transition and is the
/// host's optimistic-concurrency token: of two transitions racing, one wins.
/// </summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }

    public string DefinitionId { get; set; } = string.Empty;

    public int DefinitionVersion { get; set; }

    public string State { get; set; } = string.Empty;

    public int Version { get; set; }

    /// <summary>UTC.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>UTC: when the current state was entered (for ageing and queues).</summary>
    public DateTime StateEnteredAt { get; set; }

    /// <summary>The member of staff the current task is assigned to, in states that are assigned.</summary>
    public string? AssigneeId { get; set; }
}

/// <summary>Append-only: one row per transition (and one for the start). Never updated or deleted.</summary>
public sealed class WorkflowJournalEntry
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>1 for the start, then the instance version after each transition; unique per instance.</summary>
    public int Sequence { get; set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    public string? ActorId { get; set; }

    public string ActorName { get; set; } = string.Empty;

    /// <summary>The role under which the actor took the transition.</summary>
    public string? Role { get; set; }

    public string Transition { get; set; } = string.Empty;

    public string? FromState { get; set; }

    public string ToState { get; set; } = string.Empty;

    public string? Note { get; set; }

    /// <summary>The transition's fields as JSON (name → value).</summary>
    public string? DataJson { get; set; }

    public string DefinitionId { get; set; } = string.Empty;

    public int DefinitionVersion { get; set; }
}

/// <summary>
/// A timer as data: when it is due and what it fires. The host's scheduler makes it fire and marks it
/// fired; leaving its state cancels it. Rows stay for audit and reconciliation.
/// </summary>
public sealed class WorkflowTimer
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>The state that started it.</summary>
    public string State { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime DueAt { get; set; }

    public string FiresAction { get; set; } = string.Empty;

    public string? FiresWith { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public DateTime? FiredAt { get; set; }

    public DateTime? CancelledAt { get; set; }
}
