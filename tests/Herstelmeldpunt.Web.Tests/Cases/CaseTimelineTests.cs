using Bunit;
using Herstelmeldpunt.Web.Cases.Components;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Tests.Forms;

namespace Herstelmeldpunt.Web.Tests.Cases;

/// <summary>The case timeline component: each step in order with its time, actor, role, states, note and answers.</summary>
public sealed class CaseTimelineTests : ComponentContext
{
    private static readonly TimelineStep Received = new(
        "received", "Melding ontvangen", new DateTime(2026, 3, 1, 9, 5, 0, DateTimeKind.Utc), "Publiek formulier", null, null, "Ontvangen", null, []);

    private static readonly TimelineStep Screened = new(
        "screen", "Beoordelen", new DateTime(2026, 7, 1, 22, 30, 0, DateTimeKind.Utc), "Ans de Vries", "IntakeStaff", "Ontvangen", "Bij de commissie",
        "Gebeld op\nmaandag", [("Doelgroep", "Ja"), ("Toelichting", "Twee regels\nin één antwoord")]);

    [Fact]
    public void Steps_are_listed_in_the_order_given_with_their_transition_time_actor_role_and_states()
    {
        var timeline = Render<CaseTimeline>(p => p.Add(c => c.Steps, [Received, Screened]));

        var items = timeline.FindAll("ol.timeline > li");
        Assert.Equal(["received", "screen"], items.Select(i => i.GetAttribute("data-transition")));
        Assert.Equal("Ontvangen", items[0].QuerySelector(".timeline__states")!.TextContent); // no state before the first
        Assert.Equal("Ontvangen → Bij de commissie", items[1].QuerySelector(".timeline__states")!.TextContent);

        var head = items[1].QuerySelector(".timeline__head")!;
        Assert.Equal("Beoordelen", head.QuerySelector("strong")!.TextContent);
        Assert.Contains("Ans de Vries (Intake en behandeling)", head.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("IntakeStaff", head.TextContent, StringComparison.Ordinal); // the role's Dutch name, not its key
        Assert.DoesNotContain("(", items[0].QuerySelector(".timeline__head")!.TextContent, StringComparison.Ordinal); // no role, no brackets

        // Amsterdam time for the reader (summer: UTC+2, so 22:30 UTC is 00:30 the next day), UTC for machines.
        var time = head.QuerySelector("time")!;
        Assert.Equal("2026-07-01T22:30:00Z", time.GetAttribute("datetime"));
        Assert.Equal("02-07-2026 00:30", time.TextContent);
    }

    [Fact]
    public void A_note_and_the_answers_given_are_shown_with_their_line_breaks_kept()
    {
        var timeline = Render<CaseTimeline>(p => p.Add(c => c.Steps, [Received, Screened]));

        var items = timeline.FindAll("ol.timeline > li");
        Assert.Empty(items[0].QuerySelectorAll("p.pre-wrap"));
        Assert.Empty(items[0].QuerySelectorAll("dl"));
        Assert.Equal("Gebeld op\nmaandag", items[1].QuerySelector("p.pre-wrap")!.TextContent);
        Assert.Equal(["Doelgroep", "Toelichting"], items[1].QuerySelectorAll("dl.timeline__data dt").Select(d => d.TextContent));
        Assert.Equal(["Ja", "Twee regels\nin één antwoord"], items[1].QuerySelectorAll("dl.timeline__data dd.pre-wrap").Select(d => d.TextContent));
    }

    [Fact]
    public void Text_from_people_is_encoded_not_rendered_as_markup()
    {
        var step = Screened with { Note = "<script>alert(1)</script>", ActorName = "<b>x</b>" };
        var timeline = Render<CaseTimeline>(p => p.Add(c => c.Steps, [step]));

        Assert.Empty(timeline.FindAll("script"));
        Assert.Empty(timeline.FindAll("b"));
        Assert.Contains("&lt;script&gt;", timeline.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_history_says_so_instead_of_an_empty_list()
    {
        var timeline = Render<CaseTimeline>(p => p.Add(c => c.Steps, []));

        Assert.Empty(timeline.FindAll("ol"));
        Assert.Equal("Er is nog niets gebeurd met deze melding.", timeline.Find("[data-testid=timeline-empty]").TextContent);
    }
}
