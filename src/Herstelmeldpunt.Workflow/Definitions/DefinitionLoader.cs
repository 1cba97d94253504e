using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>
/// Reads and checks one definition file. Every problem is reported with the file, the line and the
/// place in the document (a JSON path), so an invalid definition can be fixed without guessing.
/// </summary>
public static partial class DefinitionLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static (WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors) Load(string fileName, byte[] utf8, WorkflowVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        DefinitionDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<DefinitionDto>(utf8, Options);
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var problem = exception.Message.Split(" Path:", 2)[0];
            return (null, [new DefinitionError(fileName, line, exception.Path ?? "$", problem)]);
        }

        if (dto is null)
        {
            return (null, [new DefinitionError(fileName, 1, "$", "the file is empty")]);
        }

        var lines = JsonLineMap.Build(utf8);
        var errors = new List<DefinitionError>();
        void Fail(string place, string problem) => errors.Add(new DefinitionError(fileName, lines.LineOf(place), place, problem));
        var definition = new Checker(vocabulary, Fail).Check(dto, fileName);
        return errors.Count == 0 ? (definition, errors) : (null, errors);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    internal static partial Regex NamePattern();

    private sealed class Checker(WorkflowVocabulary vocabulary, Action<string, string> fail)
    {
        public WorkflowDefinition Check(DefinitionDto dto, string fileName)
        {
            if (dto.Id is null || !NamePattern().IsMatch(dto.Id))
            {
                fail("id", "missing or not a name (lower case letters, digits and _)");
            }

            if (dto.Version is null or < 1)
            {
                fail("version", "missing or not a whole number of 1 or more");
            }

            var states = new List<StateDefinition>();
            var stateNames = new HashSet<string>(StringComparer.Ordinal);
            if (dto.States is not { Count: > 0 })
            {
                fail("states", "there must be at least one state");
            }

            for (var i = 0; i < (dto.States?.Count ?? 0); i++)
            {
                var place = $"states[{i}]";
                var s = dto.States![i];
                if (s.Name is null || !NamePattern().IsMatch(s.Name))
                {
                    fail($"{place}.name", "missing or not a name (lower case letters, digits and _)");
                    continue;
                }

                if (!stateNames.Add(s.Name))
                {
                    fail($"{place}.name", $"duplicate state name '{s.Name}'");
                    continue;
                }

                var worklist = Names(s.Worklist, $"{place}.worklist", vocabulary.Roles, "role");
                var onEnter = Actions(s.OnEnter, $"{place}.onEnter");
                var timers = new List<TimerDefinition>();
                var timerNames = new HashSet<string>(StringComparer.Ordinal);
                for (var j = 0; j < (s.Timers?.Count ?? 0); j++)
                {
                    var t = s.Timers![j];
                    var tPlace = $"{place}.timers[{j}]";
                    if (t.Name is null || !NamePattern().IsMatch(t.Name) || !timerNames.Add(t.Name))
                    {
                        fail($"{tPlace}.name", t.Name is null ? "missing timer name" : $"duplicate or invalid timer name '{t.Name}'");
                        continue;
                    }

                    if (!IsoDuration.TryParse(t.After, out var after))
                    {
                        fail($"{tPlace}.after", $"'{t.After}' is not an ISO 8601 duration in weeks, days, hours or minutes (for example P5D, P6W, PT4H)");
                        continue;
                    }

                    var fires = Action(t.Fires, $"{tPlace}.fires");
                    if (fires is not null)
                    {
                        timers.Add(new TimerDefinition(t.Name, after, t.WorkingDays ?? false, fires));
                    }
                }

                states.Add(new StateDefinition(s.Name, Text(s.Label, $"{place}.label"), s.Final ?? false, worklist, s.Assigned ?? false, onEnter, timers));
            }

            if (dto.Initial is null || !stateNames.Contains(dto.Initial))
            {
                fail("initial", dto.Initial is null ? "missing initial state" : $"unknown state '{dto.Initial}'");
            }

            var transitions = new List<TransitionDefinition>();
            var transitionNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (dto.Transitions?.Count ?? 0); i++)
            {
                var place = $"transitions[{i}]";
                var t = dto.Transitions![i];
                if (t.Name is null || !NamePattern().IsMatch(t.Name))
                {
                    fail($"{place}.name", "missing or not a name (lower case letters, digits and _)");
                    continue;
                }

                if (!transitionNames.Add(t.Name))
                {
                    fail($"{place}.name", $"duplicate transition name '{t.Name}'");
                    continue;
                }

                if (t.From is not { Count: > 0 })
                {
                    fail($"{place}.from", "list at least one state the transition starts from");
                }

                for (var j = 0; j < (t.From?.Count ?? 0); j++)
                {
                    if (!stateNames.Contains(t.From![j]))
                    {
                        fail($"{place}.from[{j}]", $"unknown state '{t.From[j]}'");
                    }
                }

                if (t.To is null || !stateNames.Contains(t.To))
                {
                    fail($"{place}.to", t.To is null ? "missing target state" : $"unknown state '{t.To}'");
                }

                if (t.Roles is not { Count: > 0 })
                {
                    fail($"{place}.roles", "list at least one role that may take the transition");
                }

                var roles = Names(t.Roles, $"{place}.roles", vocabulary.Roles, "role");
                var guards = Names(t.Guards, $"{place}.guards", vocabulary.Guards, "guard");
                var effects = Names(t.Effects, $"{place}.effects", vocabulary.Effects, "effect");
                var fields = Fields(t.Fields, $"{place}.fields");
                var note = t.Note switch
                {
                    null or "none" => NoteRule.None,
                    "optional" => NoteRule.Optional,
                    "required" => NoteRule.Required,
                    _ => Invalid(NoteRule.None, $"{place}.note", $"'{t.Note}' is not none, optional or required"),
                };
                transitions.Add(new TransitionDefinition(t.Name, Text(t.Label, $"{place}.label"), t.From ?? [], t.To ?? string.Empty, roles, guards, effects, fields, note));
            }

            var definition = new WorkflowDefinition(dto.Id ?? string.Empty, dto.Version ?? 0, dto.Published ?? false, dto.Initial ?? string.Empty, states, transitions, fileName);
            CheckGraph(definition);
            return definition;
        }

        private void CheckGraph(WorkflowDefinition definition)
        {
            if (!definition.States.Any(s => s.Name == definition.Initial))
            {
                return;
            }

            var reached = new HashSet<string> { definition.Initial };
            var queue = new Queue<string>(reached);
            while (queue.TryDequeue(out var state))
            {
                foreach (var t in definition.TransitionsFrom(state).Where(t => reached.Add(t.To)))
                {
                    queue.Enqueue(t.To);
                }
            }

            for (var i = 0; i < definition.States.Count; i++)
            {
                var state = definition.States[i];
                var place = $"states[{IndexOf(state.Name)}]";
                if (!reached.Contains(state.Name))
                {
                    fail(place, $"state '{state.Name}' cannot be reached from the initial state '{definition.Initial}'");
                }

                if (!state.Final && !definition.TransitionsFrom(state.Name).Any())
                {
                    fail(place, $"state '{state.Name}' has no way out: add a transition from it, or mark it final");
                }
            }

            int IndexOf(string name) => definition.States.Select((s, i) => (s, i)).First(x => x.s.Name == name).i;
        }

        private List<FieldDefinition> Fields(List<FieldDto>? dtos, string place)
        {
            var fields = new List<FieldDefinition>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (dtos?.Count ?? 0); i++)
            {
                var f = dtos![i];
                var fPlace = $"{place}[{i}]";
                if (f.Name is null || !NamePattern().IsMatch(f.Name) || !names.Add(f.Name))
                {
                    fail($"{fPlace}.name", f.Name is null ? "missing field name" : $"duplicate or invalid field name '{f.Name}'");
                    continue;
                }

                FieldType? type = f.Type switch
                {
                    "text" => FieldType.Text,
                    "longtext" => FieldType.LongText,
                    "yesno" => FieldType.YesNo,
                    "date" => FieldType.Date,
                    "choice" => FieldType.Choice,
                    "member" => FieldType.Member,
                    _ => null,
                };
                if (type is null)
                {
                    fail($"{fPlace}.type", $"unknown field type '{f.Type}' (text, longtext, yesno, date, choice, member)");
                    continue;
                }

                var options = new List<FieldOption>();
                for (var j = 0; j < (f.Options?.Count ?? 0); j++)
                {
                    var o = f.Options![j];
                    if (string.IsNullOrEmpty(o.Value))
                    {
                        fail($"{fPlace}.options[{j}].value", "missing option value");
                        continue;
                    }

                    options.Add(new FieldOption(o.Value, Text(o.Label, $"{fPlace}.options[{j}].label")));
                }

                if (type == FieldType.Choice && options.Count == 0)
                {
                    fail($"{fPlace}.options", "a choice field needs options");
                }

                if (type == FieldType.Member && (f.Role is null || !vocabulary.Roles.Contains(f.Role)))
                {
                    fail($"{fPlace}.role", f.Role is null ? "a member field names the role to choose from" : $"unknown role '{f.Role}'");
                }

                RequiredWhen? requiredWhen = null;
                if (f.RequiredWhen is { } when)
                {
                    if (when.Field is null || !names.Contains(when.Field) || when.Equals is null)
                    {
                        fail($"{fPlace}.requiredWhen", $"requiredWhen must name an earlier field of this transition and a value ('{when.Field}')");
                    }
                    else
                    {
                        requiredWhen = new RequiredWhen(when.Field, when.Equals);
                    }
                }

                fields.Add(new FieldDefinition(f.Name, type.Value, Text(f.Label, $"{fPlace}.label"), f.Hint is null ? null : Text(f.Hint, $"{fPlace}.hint"), f.Required ?? false, requiredWhen, options, f.Role));
            }

            return fields;
        }

        private List<string> Names(List<string>? names, string place, IReadOnlySet<string> known, string kind)
        {
            var result = new List<string>();
            for (var i = 0; i < (names?.Count ?? 0); i++)
            {
                if (!known.Contains(names![i]))
                {
                    fail($"{place}[{i}]", $"unknown {kind} '{names[i]}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                }
                else if (!result.Contains(names[i]))
                {
                    result.Add(names[i]);
                }
            }

            return result;
        }

        private List<ActionCall> Actions(List<ActionDto>? dtos, string place) =>
            [.. (dtos ?? []).Select((a, i) => Action(a, $"{place}[{i}]")).OfType<ActionCall>()];

        private ActionCall? Action(ActionDto? dto, string place)
        {
            if (dto?.Action is null || !vocabulary.Actions.Contains(dto.Action))
            {
                fail($"{place}.action", $"unknown action '{dto?.Action}' (known: {string.Join(", ", vocabulary.Actions.Order(StringComparer.Ordinal))})");
                return null;
            }

            return new ActionCall(dto.Action, dto.With);
        }

        private LocalizedText Text(TextDto? dto, string place)
        {
            if (string.IsNullOrWhiteSpace(dto?.Nl) || string.IsNullOrWhiteSpace(dto.En))
            {
                fail(place, "needs a Dutch (nl) and an English (en) text");
            }

            return new LocalizedText(dto?.Nl ?? string.Empty, dto?.En ?? string.Empty);
        }

        private T Invalid<T>(T value, string place, string problem)
        {
            fail(place, problem);
            return value;
        }
    }

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
