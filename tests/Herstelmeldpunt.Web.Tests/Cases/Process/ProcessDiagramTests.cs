using System.Globalization;
using System.Xml.Linq;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Tests.Cases.Process;

/// <summary>The process diagram as laid out by GraphShape: every step a box, no boxes on top of each other, every step labelled, no label over a box.</summary>
public sealed class ProcessDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), CaseVocabulary.Create());

    public static TheoryData<int> Versions() => [.. Catalog.All.Where(d => d.Id == CaseVocabulary.DefinitionId).Select(d => d.Version)];

    private static double N(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_step_is_a_box_of_its_own_and_every_transition_is_labelled_without_covering_a_box(int version)
    {
        var definition = Catalog.Get(CaseVocabulary.DefinitionId, version);

        var svg = XDocument.Parse(ProcessDiagram.Svg(definition, "nl", CaseVocabulary.States.Screening, "titel")).Root!;

        var boxes = svg.Descendants(Svg + "g").ToDictionary(g => g.Attribute("data-state")!.Value, g => g.Element(Svg + "rect")!);
        Assert.Equal(definition.States.Select(s => s.Name).Order(), boxes.Keys.Order());
        var rects = boxes.Values.Select(r => (L: N(r, "x"), T: N(r, "y"), R: N(r, "x") + N(r, "width"), B: N(r, "y") + N(r, "height"))).ToList();
        for (var i = 0; i < rects.Count; i++)
        {
            for (var j = i + 1; j < rects.Count; j++)
            {
                Assert.False(rects[i].L < rects[j].R && rects[i].R > rects[j].L && rects[i].T < rects[j].B && rects[i].B > rects[j].T, $"boxes {i} and {j} overlap");
            }
        }

        var text = string.Join('\n', svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.All(definition.Transitions, t => Assert.Contains(t.Label.In("nl"), text, StringComparison.Ordinal));
        foreach (var label in svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "process-diagram__edge-label"))
        {
            var (x, y) = (N(label, "x"), N(label, "y"));
            Assert.DoesNotContain(rects, r => x > r.L && x < r.R && y > r.T && y < r.B);
        }

        Assert.Equal("true", svg.Descendants(Svg + "g").Single(g => g.Attribute("data-state")!.Value == "screening").Attribute("data-current")?.Value);
    }
}
