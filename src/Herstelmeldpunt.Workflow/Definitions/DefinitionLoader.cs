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

    private sealed partial class Checker(WorkflowVocabulary vocabulary, Action<string, string> fail)
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
    }
}
