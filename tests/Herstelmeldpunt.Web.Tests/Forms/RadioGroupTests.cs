using Bunit;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Forms.Components;

namespace Herstelmeldpunt.Web.Tests.Forms;

/// <summary>The radio group component: a fieldset with legend, the chosen option checked, error links landing on the first option.</summary>
public sealed class RadioGroupTests : ComponentContext
{
    private static RadioGroupModel Group(string? selected, string? error = null) =>
        new("PreferredChannel", "Form.PreferredChannel", selected, "Form.PreferredChannel.Legend",
            [new("Email", "Channel.Email"), new("Phone", "Channel.Phone", "Channel.Phone.Hint"), new("Letter", "Channel.Letter")], "Form.PreferredChannel.Hint", error);

    [Fact]
    public void The_chosen_option_is_checked_and_the_first_option_carries_the_group_id()
    {
        var group = Render<RadioGroup>(p => p.Add(c => c.Group, Group("Phone")));
        var radios = group.FindAll("input[type=radio]");
        Assert.Equal(["PreferredChannel", "PreferredChannel_Phone", "PreferredChannel_Letter"], radios.Select(r => r.Id));
        Assert.All(radios, r => Assert.Equal("Form.PreferredChannel", r.GetAttribute("name")));
        Assert.Equal(["Phone"], radios.Where(r => r.HasAttribute("checked")).Select(r => r.GetAttribute("value")));
        Assert.Equal("PreferredChannel_Phone-hint", radios[1].GetAttribute("aria-describedby")); // an option's own hint
        Assert.Null(radios[0].GetAttribute("aria-describedby"));
        Assert.NotNull(group.Find("fieldset > legend"));
    }

    [Fact]
    public void An_error_is_announced_with_the_fieldset_and_nothing_is_checked_when_nothing_was_chosen()
    {
        var group = Render<RadioGroup>(p => p.Add(c => c.Group, Group(null, "Error.PreferredChannel.Required")));
        Assert.Equal("PreferredChannel-hint PreferredChannel-error", group.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Contains("utrecht-form-fieldset--invalid", group.Find("div.utrecht-form-fieldset").ClassList);
        // The NL Design System's documented markup: a form fieldset with its legend, one radio form field per option.
        Assert.NotNull(group.Find("fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset > legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend"));
        Assert.All(group.FindAll(".utrecht-form-field--radio"), option =>
        {
            Assert.NotNull(option.QuerySelector(".utrecht-form-field__input > input.utrecht-radio-button.utrecht-radio-button--html-input[type=radio]"));
            Assert.NotNull(option.QuerySelector(".utrecht-form-field__label > label.utrecht-form-label.utrecht-form-label--radio"));
        });
        Assert.Equal(group.FindAll("input[type=radio]").Count, group.FindAll(".utrecht-form-field--radio").Count);
        Assert.NotNull(group.Find("p.utrecht-form-field-error-message#PreferredChannel-error"));
        Assert.Empty(group.FindAll("input[checked]"));
    }
}
