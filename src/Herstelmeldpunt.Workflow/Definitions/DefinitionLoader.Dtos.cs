using System.Text.Json.Serialization;

namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>The definition file as it is read, before it is checked (<see cref="DefinitionLoader"/>).</summary>
public static partial class DefinitionLoader
{
    private sealed class DefinitionDto
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; set; }

        public string? Id { get; set; }

        public int? Version { get; set; }

        public bool? Published { get; set; }

        public string? Description { get; set; }

        public string? Initial { get; set; }

        public List<StateDto>? States { get; set; }

        public List<TransitionDto>? Transitions { get; set; }
    }

    private sealed class TextDto
    {
        public string? Nl { get; set; }

        public string? En { get; set; }
    }

    private sealed class ActionDto
    {
        public string? Action { get; set; }

        public string? With { get; set; }
    }

    private sealed class TimerDto
    {
        public string? Name { get; set; }

        public string? After { get; set; }

        public bool? WorkingDays { get; set; }

        public ActionDto? Fires { get; set; }
    }

    private sealed class StateDto
    {
        public string? Name { get; set; }

        public TextDto? Label { get; set; }

        public bool? Final { get; set; }

        public List<string>? Worklist { get; set; }

        public bool? Assigned { get; set; }

        public List<ActionDto>? OnEnter { get; set; }

        public List<TimerDto>? Timers { get; set; }
    }

    private sealed class OptionDto
    {
        public string? Value { get; set; }

        public TextDto? Label { get; set; }
    }

    private sealed class RequiredWhenDto
    {
        public string? Field { get; set; }

        public new string? Equals { get; set; }
    }

    private sealed class FieldDto
    {
        public string? Name { get; set; }

        public string? Type { get; set; }

        public TextDto? Label { get; set; }

        public TextDto? Hint { get; set; }

        public bool? Required { get; set; }

        public RequiredWhenDto? RequiredWhen { get; set; }

        public List<OptionDto>? Options { get; set; }

        public string? Role { get; set; }
    }

    private sealed class TransitionDto
    {
        public string? Name { get; set; }

        public TextDto? Label { get; set; }

        public List<string>? From { get; set; }

        public string? To { get; set; }

        public List<string>? Roles { get; set; }

        public List<string>? Guards { get; set; }

        public List<string>? Effects { get; set; }

        public List<FieldDto>? Fields { get; set; }

        public string? Note { get; set; }
    }
}
