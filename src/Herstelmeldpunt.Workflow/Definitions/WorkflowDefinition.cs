namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>A text in Dutch and English.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    public string In(string language) => language == "en" ? En : Nl;
}

/// <summary>A named action of the host, with an optional argument (for example notify_reporter with a template name).</summary>
public sealed record ActionCall(string Action, string? With);

/// <summary>A timer started when its state is entered and cancelled when the state is left.</summary>
public sealed record TimerDefinition(string Name, IsoDuration After, bool WorkingDays, ActionCall Fires);

public enum FieldType
{
    Text,
    LongText,
    YesNo,
    Date,
    Choice,
    Member,
}

public sealed record FieldOption(string Value, LocalizedText Label);

/// <summary>The field is required only when another field of the same transition has this value.</summary>
public sealed record RequiredWhen(string Field, string EqualsValue);

/// <summary>A piece of data a transition asks for; stored with the transition in the journal.</summary>
public sealed record FieldDefinition(
    string Name,
    FieldType Type,
    LocalizedText Label,
    LocalizedText? Hint,
    bool Required,
    RequiredWhen? RequiredWhen,
    IReadOnlyList<FieldOption> Options,
    string? Role);

public enum NoteRule
{
    None,
    Optional,
    Required,
}

public sealed record TransitionDefinition(
    string Name,
    LocalizedText Label,
    IReadOnlyList<string> From,
    string To,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Guards,
    IReadOnlyList<string> Effects,
    IReadOnlyList<FieldDefinition> Fields,
    NoteRule Note);

public sealed record StateDefinition(
    string Name,
    LocalizedText Label,
    bool Final,
    IReadOnlyList<string> Worklist,
    bool Assigned,
    IReadOnlyList<ActionCall> OnEnter,
    IReadOnlyList<TimerDefinition> Timers);

/// <summary>
/// One version of a process, loaded from a file in workflows/. Versions are immutable once published:
/// a new version is a new file; running instances stay on the version they started on.
/// </summary>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    bool Published,
    string Initial,
    IReadOnlyList<StateDefinition> States,
    IReadOnlyList<TransitionDefinition> Transitions,
    string SourceFile)
{
    public StateDefinition State(string name) =>
        States.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"{Id} v{Version} has no state '{name}'.");

    public TransitionDefinition? Transition(string name) => Transitions.FirstOrDefault(t => t.Name == name);

    public IEnumerable<TransitionDefinition> TransitionsFrom(string state) => Transitions.Where(t => t.From.Contains(state));
}
