namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>The checks of a definition's parts: fields, names against the vocabulary, actions and texts.</summary>
public static partial class DefinitionLoader
{
    private sealed partial class Checker
    {
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
}
