using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Microsoft.Extensions.Localization;

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

/// <summary>The shared report questions (partials _IntakeFields and _IntakeAnswers) with the errors to show.</summary>
public sealed record IntakeFieldsModel(IntakeForm Form, IReadOnlyList<FieldError> Errors, bool ForStaff = false)
{
    /// <summary>For staff intake, the text "Staff.KEY" (speaking to staff about the person) where one exists; otherwise KEY.</summary>
    public string TextKey(string key, IStringLocalizer texts) =>
        ForStaff && !texts["Staff." + key].ResourceNotFound ? "Staff." + key : key;
}

/// <summary>The ids a field's input points to with aria-describedby: its hint and its error, those that are there.</summary>
public static class FieldIds
{
    public static string? DescribedBy(params string?[] ids)
    {
        var present = string.Join(' ', ids.Where(id => id is not null));
        return present.Length == 0 ? null : present;
    }
}

/// <summary>One line of an error summary: the id of the field it links to, and the message (a text key, or a text).</summary>
public sealed record SummaryError(string Target, string TextOrKey);
