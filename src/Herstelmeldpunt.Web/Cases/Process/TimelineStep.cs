using System.Text.Json;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Process;

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
    IReadOnlyList<(string Label, string Value)> Data)
{
    /// <summary>A journal entry as the case page shows it, by the definition version it was written under.</summary>
    public static TimelineStep Of(WorkflowJournalEntry entry, WorkflowDefinition definition, string language)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(definition);
        var transition = definition.Transition(entry.Transition);
        var data = new List<(string, string)>();
        if (entry.DataJson is not null && transition is not null)
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(entry.DataJson) ?? [];
            foreach (var field in transition.Fields)
            {
                if (values.GetValueOrDefault(field.Name) is { } value)
                {
                    var shown = field.Type switch
                    {
                        FieldType.YesNo => value == "yes" ? (language == "en" ? "Yes" : "Ja") : (language == "en" ? "No" : "Nee"),
                        FieldType.Choice => field.Options.FirstOrDefault(o => o.Value == value)?.Label.In(language) ?? value,
                        FieldType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                            => day.ToString("d MMMM yyyy", language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch),
                        _ => value,
                    };
                    data.Add((field.Label.In(language), shown));
                }
            }
        }

        return new TimelineStep(
            entry.Transition,
            transition?.Label.In(language) ?? (language == "en" ? "Report received" : "Melding ontvangen"),
            entry.At,
            entry.ActorName,
            entry.Role,
            entry.FromState is null ? null : definition.State(entry.FromState).Label.In(language),
            definition.State(entry.ToState).Label.In(language),
            entry.Note,
            data);
    }
}

