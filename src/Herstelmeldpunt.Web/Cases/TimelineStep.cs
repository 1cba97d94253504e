namespace Herstelmeldpunt.Web.Cases;

/// <summary>One step of a case's history as the case page shows it: which transition, when, by whom (and in which
/// role), from which state to which, the note and the answers given — labels already in the reader's language.</summary>
public sealed record TimelineStep(
    string Transition,
    string TransitionLabel,
    DateTime At,
    string ActorName,
    string? Role,
    string? FromLabel,
    string ToLabel,
    string? Note,
    IReadOnlyList<(string Label, string Value)> Data);
