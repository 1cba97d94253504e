namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>
/// The names a definition may use, as the host implements them: roles, guards (conditions checked
/// before a transition), effects (host work done with a transition) and actions (run on entering a
/// state, or when a timer fires). A definition naming anything else is refused at start-up.
/// </summary>
public sealed record WorkflowVocabulary(
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Guards,
    IReadOnlySet<string> Effects,
    IReadOnlySet<string> Actions);
