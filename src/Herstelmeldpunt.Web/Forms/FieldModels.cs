using Herstelmeldpunt.Web.Pages.Intake;

namespace Herstelmeldpunt.Web.Forms;

/// <summary>A text input with label, hint and error tied together (aria-describedby). Texts are keys.</summary>
public sealed record TextFieldModel(
    string Id,
    string Name,
    string? Value,
    string LabelKey,
    string? HintKey = null,
    string? ErrorKey = null,
    string Type = "text",
    string? Autocomplete = null,
    string? InputMode = null,
    string Width = "full",
    bool Multiline = false,
    int? MaxLength = null,
    bool Optional = false);

public sealed record RadioOption(string Value, string LabelKey, string? HintKey = null);

/// <summary>A group of radio buttons in a fieldset. The first option carries <see cref="Id"/>, so error links land on it.</summary>
public sealed record RadioGroupModel(
    string Id,
    string Name,
    string? Selected,
    string LegendKey,
    IReadOnlyList<RadioOption> Options,
    string? HintKey = null,
    string? ErrorKey = null,
    bool Inline = false);

/// <summary>The shared report questions (partial _IntakeFields) with the errors to show.</summary>
public sealed record IntakeFieldsModel(IntakeForm Form, IReadOnlyList<FieldError> Errors, bool ForStaff = false);
