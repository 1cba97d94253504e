using Bunit;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Management.Components;
using Herstelmeldpunt.Web.Tests.Forms;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>The dashboard's chart component (bUnit): the table is the accessible view, the bars are in proportion.</summary>
public sealed class BarChartTests : ComponentContext
{
    private IRenderedComponent<BarChart> RenderChart(IReadOnlyList<ChartItem> items) =>
        Render<BarChart>(p => p
            .Add(c => c.Id, "urgency")
            .Add(c => c.Title, "Meldingen per urgentie")
            .Add(c => c.Items, items)
            .Add(c => c.LabelHeader, "Urgentie")
            .Add(c => c.ValueHeader, "Meldingen"));

    [Fact]
    public void The_table_shows_every_figure_and_the_bars_are_proportional()
    {
        var chart = RenderChart([new("Acute", "Acuut", 30), new("High", "Hoog", 15), new("Normal", "Normaal", 0)]);

        Assert.Equal("Meldingen per urgentie", chart.Find("figcaption").TextContent);
        var rows = chart.FindAll("tbody tr").Select(r => (r.GetAttribute("data-key"), r.Children[0].TextContent, r.Children[1].TextContent)).ToList();
        Assert.Equal([("Acute", "Acuut", "30"), ("High", "Hoog", "15"), ("Normal", "Normaal", "0")], rows);
        var widths = chart.FindAll("svg rect").Select(r => double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, widths.Count);
        Assert.Equal(widths[0] / 2, widths[1], 1);
        Assert.Equal(0, widths[2]);
        Assert.Equal("true", chart.Find("svg").GetAttribute("aria-hidden")); // the table is the accessible view
        Assert.Equal("chart-urgency", chart.Find("figure").GetAttribute("data-testid"));
    }

    [Fact]
    public void Labels_are_encoded_and_an_empty_chart_still_has_its_table()
    {
        var chart = RenderChart([new("x", "<script>alert(1)</script>", 1)]);
        Assert.Empty(chart.FindAll("script"));
        Assert.Contains("<script>", chart.Find("tbody td").TextContent, StringComparison.Ordinal);

        var empty = RenderChart([]);
        Assert.NotNull(empty.Find("table thead"));
        Assert.Empty(empty.FindAll("tbody tr"));
    }

    [Fact]
    public void New_figures_redraw_the_chart()
    {
        var chart = RenderChart([new("Acute", "Acuut", 1)]);
        chart.Render(p => p.Add(c => c.Items, [new ChartItem("Acute", "Acuut", 4), new ChartItem("High", "Hoog", 2)]));
        Assert.Equal(["4", "2"], chart.FindAll("tbody tr td.numeric").Select(c => c.TextContent));
    }
}
