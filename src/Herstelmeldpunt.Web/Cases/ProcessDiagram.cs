using System.Globalization;
using System.Net;
using System.Text;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>
/// Draws a definition as SVG on the server: states in columns by their distance from the initial
/// state, transitions as arrows (forward to the right, back-steps as arcs below). The current state,
/// when given, is drawn with a thick border and marked in words; the page shows a table beside it.
/// </summary>
public static class ProcessDiagram
{
    private const int BoxWidth = 190;
    private const int BoxHeight = 56;
    private const int ColumnGap = 70;
    private const int RowGap = 34;
    private const int Margin = 20;

    public static string Svg(WorkflowDefinition definition, string language, string? currentState, string title)
    {
        ArgumentNullException.ThrowIfNull(definition);
        // Column = the longest path from the initial state once the steps back (edges into a state that
        // is still open in a depth-first walk, such as "reopen" or "send back") are left out. The main
        // flow then runs left to right and the final states end up on the right.
        var back = new HashSet<(string From, string To)>();
        var visited = new HashSet<string>();
        var open = new HashSet<string>();
        var finished = new List<string>();
        void Walk(string state)
        {
            visited.Add(state);
            open.Add(state);
            foreach (var to in definition.TransitionsFrom(state).Select(t => t.To))
            {
                if (open.Contains(to))
                {
                    back.Add((state, to));
                }
                else if (!visited.Contains(to))
                {
                    Walk(to);
                }
            }

            open.Remove(state);
            finished.Add(state);
        }

        Walk(definition.Initial);
        var depth = definition.States.ToDictionary(s => s.Name, _ => 0);
        foreach (var state in Enumerable.Reverse(finished))
        {
            foreach (var to in definition.TransitionsFrom(state).Select(t => t.To).Where(to => !back.Contains((state, to))))
            {
                depth[to] = Math.Max(depth[to], depth[state] + 1);
            }
        }

        // Within a column: states that carry on first, final states below them.
        var columns = definition.States.GroupBy(s => depth.GetValueOrDefault(s.Name)).OrderBy(g => g.Key).ToList();
        var position = new Dictionary<string, (int X, int Y)>();
        foreach (var column in columns)
        {
            var row = 0;
            foreach (var state in column.OrderBy(s => s.Final))
            {
                position[state.Name] = (Margin + (column.Key * (BoxWidth + ColumnGap)), Margin + (row++ * (BoxHeight + RowGap)));
            }
        }

        var width = position.Values.Max(p => p.X) + BoxWidth + Margin;
        var height = position.Values.Max(p => p.Y) + BoxHeight + Margin + 60;
        var svg = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"diagram-title-{definition.Id}-{definition.Version}\" class=\"process-diagram\">");
        svg.Append(inv, $"<title id=\"diagram-title-{definition.Id}-{definition.Version}\">{Encode(title)}</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#4a4a4a\"/></marker></defs>");

        foreach (var transition in definition.Transitions)
        {
            foreach (var from in transition.From)
            {
                var (x1, y1) = position[from];
                var (x2, y2) = position[transition.To];
                var label = Encode(transition.Label.In(language));
                if (x2 > x1)
                {
                    // A side exit taken from many states (like "withdraw") is drawn lighter than the main flow.
                    var side = transition.From.Count > 2;
                    svg.Append(inv, $"<path d=\"M {x1 + BoxWidth} {y1 + (BoxHeight / 2)} L {x2} {y2 + (BoxHeight / 2)}\" stroke=\"{(side ? "#c2c2c2" : "#4a4a4a")}\" stroke-width=\"{(side ? 1 : 1.5)}\" fill=\"none\" marker-end=\"url(#arrow)\"><title>{label}</title></path>");
                }
                else
                {
                    // A step back or sideways: an arc below the boxes.
                    var bottom = Math.Max(y1, y2) + BoxHeight + 24 + (Math.Abs(x1 - x2) / 20);
                    svg.Append(inv, $"<path d=\"M {x1 + (BoxWidth / 2)} {y1 + BoxHeight} C {x1 + (BoxWidth / 2)} {bottom}, {x2 + (BoxWidth / 2)} {bottom}, {x2 + (BoxWidth / 2) + 8} {y2 + BoxHeight}\" stroke=\"#8a8a8a\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\" fill=\"none\" marker-end=\"url(#arrow)\"><title>{label}</title></path>");
                }
            }
        }

        foreach (var state in definition.States)
        {
            var (x, y) = position[state.Name];
            var current = state.Name == currentState;
            var fill = current ? "#fff4c2" : state.Final ? "#f3f3f3" : "#ffffff";
            var stroke = current ? "#0b0c0c" : "#5a5a5a";
            svg.Append(inv, $"<g data-state=\"{state.Name}\"{(current ? " data-current=\"true\"" : string.Empty)}>");
            svg.Append(inv, $"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"{(state.Final ? 24 : 6)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(current ? 4 : 1.5)}\"/>");
            var lines = Wrap(state.Label.In(language), 27);
            for (var i = 0; i < lines.Count; i++)
            {
                var lineY = y + (BoxHeight / 2) + ((i - ((lines.Count - 1) / 2.0)) * 15) + 5;
                svg.Append(inv, $"<text x=\"{x + (BoxWidth / 2)}\" y=\"{lineY:0.#}\" text-anchor=\"middle\" font-family=\"Arial, sans-serif\" font-size=\"12\" fill=\"#0b0c0c\"{(current ? " font-weight=\"bold\"" : string.Empty)}>{Encode(lines[i])}</text>");
            }

            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        lines.Add(line.ToString());
        return lines.Count <= 3 ? lines : [.. lines.Take(2), string.Join(' ', lines.Skip(2))];
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
