using Bunit;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Forms.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Forms;

/// <summary>The text field component: label, hint and error tied to the input for screen readers.</summary>
public sealed class TextFieldTests : ComponentContext
{
    [Fact]
    public void Label_hint_and_error_are_tied_to_the_input_and_the_texts_come_from_the_keys()
    {
        var field = Render<TextField>(p => p.Add(c => c.Field, new TextFieldModel("Email", "Form.Email", "jan@", "Form.Email.Label", "Form.Email.Hint", "Error.Email.Invalid", Type: "email", Autocomplete: "email")));

        var input = field.Find("input#Email");
        Assert.Equal(("Form.Email", "email", "jan@", "email", "true"), (input.GetAttribute("name"), input.GetAttribute("type"), input.GetAttribute("value"), input.GetAttribute("autocomplete"), input.GetAttribute("aria-invalid")));
        Assert.Equal("Email-hint Email-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Email", field.Find("label").GetAttribute("for"));
        Assert.Contains("utrecht-form-field--invalid", field.Find("div.utrecht-form-field").ClassList);
        Assert.Equal(Texts("Form.Email.Label"), field.Find("label").TextContent.Trim());
        // The NL Design System's documented markup (Utrecht form field, label, description, error message, textbox).
        Assert.NotNull(field.Find("div.utrecht-form-field__label > label.utrecht-form-label"));
        Assert.Equal("Email-hint", field.Find(".utrecht-form-field__description.utrecht-form-field-description").Id);
        Assert.Equal("Email-error", field.Find("p.utrecht-form-field__error-message.utrecht-form-field-error-message").Id);
        Assert.Superset(new HashSet<string> { "utrecht-textbox", "utrecht-textbox--html-input", "utrecht-textbox--invalid" }, input.ClassList.ToHashSet());
        Assert.Equal("Email", field.Find("div.utrecht-form-field__input > input").Id);
        Assert.Equal(Texts("Layout.ErrorPrefix") + " " + Texts("Error.Email.Invalid"), field.Find("#Email-error").TextContent); // "Fout: …" read as words
    }

    [Fact]
    public void Without_hint_or_error_nothing_points_anywhere_and_the_field_is_not_marked_invalid()
    {
        var field = Render<TextField>(p => p.Add(c => c.Field, new TextFieldModel("Naam", "Naam", null, "Een label uit een definitie")));
        var input = field.Find("input");
        Assert.Null(input.GetAttribute("aria-describedby"));
        Assert.Null(input.GetAttribute("aria-invalid"));
        Assert.Empty(field.FindAll(".utrecht-form-field-description"));
        Assert.DoesNotContain("utrecht-form-field--invalid", field.Find("div.utrecht-form-field").ClassList);
        Assert.DoesNotContain("utrecht-textbox--invalid", input.ClassList);
        Assert.Equal("Een label uit een definitie", field.Find("label").TextContent.Trim()); // not a key: shown as it is
    }

    [Fact]
    public void A_multiline_field_is_a_text_area_holding_its_value_encoded_and_optional_fields_say_so()
    {
        var field = Render<TextField>(p => p.Add(c => c.Field, new TextFieldModel("Omschrijving", "Form.Description", "<b>vet</b> & meer", "Form.Description.Label", Multiline: true, Optional: true)));
        var area = field.Find("textarea#Omschrijving");
        Assert.Equal("<b>vet</b> & meer", area.TextContent);
        Assert.Superset(new HashSet<string> { "utrecht-textarea", "utrecht-textarea--html-textarea" }, area.ClassList.ToHashSet());
        Assert.Empty(field.FindAll("b"));
        Assert.Equal(Texts("Form.Description.Label") + " " + Texts("Common.Optional"), field.Find("label").TextContent); // the accessible name, spaced as read aloud
    }

    private string Texts(string key) => Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Herstelmeldpunt.Web.Localization.Ui>>()[key];
}
