using Bunit;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Forms.Components;

namespace Herstelmeldpunt.Web.Tests.Forms;

/// <summary>The error summary component: announced, focused, every line a link to its field.</summary>
public sealed class ErrorSummaryTests : ComponentContext
{
    [Fact]
    public void Every_error_links_to_its_field_in_the_order_given_and_the_summary_is_announced()
    {
        var summary = Render<ErrorSummary>(p => p.Add(c => c.Errors, [new SummaryError("Form_Bsn", "Error.Bsn.Invalid"), new SummaryError("Password", "Een tekst van de wachtwoordregels")]));

        var box = summary.Find("div.error-summary");
        Assert.Equal(("alert", "error-summary-title", "-1"), (box.GetAttribute("role"), box.GetAttribute("aria-labelledby"), box.GetAttribute("tabindex")));
        Assert.True(box.HasAttribute("autofocus"));
        Assert.Superset(new HashSet<string> { "utrecht-alert", "utrecht-alert--error" }, box.ClassList.ToHashSet()); // an NL Design System alert of type error
        Assert.NotNull(box.QuerySelector(".utrecht-alert__content > .utrecht-alert__message ul.utrecht-unordered-list"));
        Assert.Equal(["#Form_Bsn", "#Password"], summary.FindAll("li a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Een tekst van de wachtwoordregels", summary.FindAll("li a")[1].TextContent); // not a key: as it is
        Assert.NotEqual("Error.Bsn.Invalid", summary.FindAll("li a")[0].TextContent); // a key: its text
        Assert.False(string.IsNullOrWhiteSpace(summary.Find("#error-summary-title").TextContent));
    }

    [Fact]
    public void Without_errors_nothing_is_rendered()
    {
        var summary = Render<ErrorSummary>(p => p.Add(c => c.Errors, []));
        Assert.Empty(summary.Markup.Trim());
    }

    [Fact]
    public void A_second_summary_on_a_page_has_its_own_ids_and_can_sit_under_a_section_heading()
    {
        var summary = Render<ErrorSummary>(p => p
            .Add(c => c.Errors, [new SummaryError("NoteText", "Error.Required")])
            .Add(c => c.Id, "note-error")
            .Add(c => c.HeadingLevel, 3));

        Assert.Equal("note-error-title", summary.Find("div.error-summary").GetAttribute("aria-labelledby"));
        Assert.Equal("note-error-title", summary.Find("h3").Id);
        Assert.Empty(summary.FindAll("h2"));
    }
}
