using AngleSharp.Html.Parser;
using Herstelmeldpunt.Web.Management.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>The chart component rendered by the framework's HtmlRenderer and read with AngleSharp.</summary>
public sealed class BarChartTests
{
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(IReadOnlyList<ChartItem> items)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<BarChart>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(BarChart.Id)] = "urgency",
                [nameof(BarChart.Title)] = "Meldingen per urgentie",
                [nameof(BarChart.Items)] = items,
                [nameof(BarChart.LabelHeader)] = "Urgentie",
                [nameof(BarChart.ValueHeader)] = "Meldingen",
            }));
            return output.ToHtmlString();
        });
        return new HtmlParser().ParseDocument(html);
    }

    [Fact]
    public async Task The_table_shows_every_figure_and_the_bars_are_proportional()
    {
        var document = await RenderAsync([new("Acute", "Acuut", 30), new("High", "Hoog", 15), new("Normal", "Normaal", 0)]);

        Assert.Equal("Meldingen per urgentie", document.QuerySelector("figcaption")!.TextContent);
        var rows = document.QuerySelectorAll("tbody tr").Select(r => (r.GetAttribute("data-key"), r.Children[0].TextContent, r.Children[1].TextContent)).ToList();
        Assert.Equal([("Acute", "Acuut", "30"), ("High", "Hoog", "15"), ("Normal", "Normaal", "0")], rows);
        var widths = document.QuerySelectorAll("svg rect").Select(r => double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, widths.Count);
        Assert.Equal(widths[0] / 2, widths[1], 1);
        Assert.Equal(0, widths[2]);
        Assert.Equal("true", document.QuerySelector("svg")!.GetAttribute("aria-hidden")); // the table is the accessible view
    }

    [Fact]
    public async Task Labels_are_encoded_and_an_empty_chart_still_has_its_table()
    {
        var document = await RenderAsync([new("x", "<script>alert(1)</script>", 1)]);
        Assert.Null(document.QuerySelector("script"));
        Assert.Contains("<script>", document.QuerySelector("tbody td")!.TextContent, StringComparison.Ordinal);

        var empty = await RenderAsync([]);
        Assert.NotNull(empty.QuerySelector("table thead"));
        Assert.Empty(empty.QuerySelectorAll("tbody tr"));
    }
}
