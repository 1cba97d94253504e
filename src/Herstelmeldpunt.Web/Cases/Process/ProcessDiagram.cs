using System.Globalization;
using System.Net;
using System.Text;
using GraphShape;
using GraphShape.Algorithms.Layout;
using Herstelmeldpunt.Workflow.Definitions;
using QuikGraph;

namespace Herstelmeldpunt.Web.Cases.Process;

/// <summary>
/// Draws a definition as SVG on the server. The layout is GraphShape's Sugiyama algorithm (layered,
/// top to bottom, crossings reduced, long edges routed between the boxes), so the picture stays narrow
/// enough for the page and edges do not run through boxes. Every transition is labelled once; side exits
/// taken from many states (such as withdrawing) are drawn lighter. The current state, when given, has a
/// thick border and is marked in words; the page shows a table beside it as the accessible view.
/// </summary>
public static class ProcessDiagram
{
    private const int BoxWidth = 180;
    private const int BoxHeight = 52;
    private const int Margin = 20;
    private static readonly double[] LabelPositions = [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85];
    private const string DashedBack = " stroke-dasharray=\"5 4\"";

    /// <summary>
    /// Drawn pictures per loaded definition (by reference: the catalog's definitions live as long as the app), by
    /// language, current step and title. The picture is the same every time; drawing it ran a layout on every case page.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkflowDefinition, System.Collections.Concurrent.ConcurrentDictionary<(string Language, string? State, string Title), string>> Drawn = [];

    public static string Svg(WorkflowDefinition definition, string language, string? currentState, string title)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Drawn.GetOrCreateValue(definition).GetOrAdd((language, currentState, title), _ => Draw(definition, language, currentState, title));
    }

    private static string Draw(WorkflowDefinition definition, string language, string? currentState, string title)
    {
        // Vertices are the states' positions in the definition: integers hash the same in every process
        // (strings do not), so the layout, and the picture, is the same every time.
        var index = definition.States.Select((s, i) => new Node(i, s.Name)).ToDictionary(n => n.Name);
        var graph = new BidirectionalGraph<Node, TaggedEdge<Node, int>>(allowParallelEdges: true);
        graph.AddVertexRange(index.Values);
        var transitions = definition.Transitions.ToList();
        for (var i = 0; i < transitions.Count; i++)
        {
            // A side exit taken from many states (withdraw, reopen, register an objection) would cross the
            // whole picture: it is drawn as a labelled arrow into its target instead (the table lists its states).
            if (IsSideExit(transitions[i]))
            {
                // Laid out from its first state only (so the target lands near where it usually comes
                // from), but not drawn as edges: a stub into the target and a line in the legend.
                if (transitions[i].From[0] != transitions[i].To)
                {
                    graph.AddEdge(new TaggedEdge<Node, int>(index[transitions[i].From[0]], index[transitions[i].To], -1 - i));
                }

                continue;
            }

            foreach (var from in transitions[i].From.Where(f => f != transitions[i].To))
            {
                graph.AddEdge(new TaggedEdge<Node, int>(index[from], index[transitions[i].To], i));
            }
        }

        var sizes = index.Values.ToDictionary(n => n, _ => new Size(BoxWidth, BoxHeight));
        var layout = new SugiyamaLayoutAlgorithm<Node, TaggedEdge<Node, int>, BidirectionalGraph<Node, TaggedEdge<Node, int>>>(
            graph, sizes, new SugiyamaLayoutParameters { Direction = LayoutDirection.TopToBottom, LayerGap = 56, SliceGap = 48, EdgeRouting = SugiyamaEdgeRouting.Traditional });
        layout.Rand = new Random(7); // the crossing reduction shuffles: a fixed seed gives the same picture every time
        layout.Compute();

        // Positions are box centres; move everything so the picture starts at the margin.
        var minX = layout.VerticesPositions.Values.Min(p => p.X) - (BoxWidth / 2.0);
        var minY = layout.VerticesPositions.Values.Min(p => p.Y) - (BoxHeight / 2.0);
        (double X, double Y) Place(Point p) => (p.X - minX + Margin, p.Y - minY + Margin);
        var centre = layout.VerticesPositions.ToDictionary(v => v.Key.Name, v => Place(v.Value));
        SeparateWithinLayers(centre);
        var width = (int)Math.Ceiling(centre.Values.Max(c => c.X) + (BoxWidth / 2.0) + Margin);
        var height = (int)Math.Ceiling(centre.Values.Max(c => c.Y) + (BoxHeight / 2.0) + Margin);

        var svg = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#4a4a4a\"/></marker></defs>");

        var labels = new StringBuilder();
        var labelled = new HashSet<int>();
        // Where labels may not go: the boxes, and the labels already placed.
        var taken = centre.Values.Select(c => (c.X - (BoxWidth / 2.0), c.Y - (BoxHeight / 2.0), c.X + (BoxWidth / 2.0), c.Y + (BoxHeight / 2.0))).ToList();
        foreach (var edge in graph.Edges.Where(e => e.Tag >= 0))
        {
            var transition = transitions[edge.Tag];
            var source = centre[edge.Source.Name];
            var target = centre[edge.Target.Name];
            // The bends pass one layer each; ordered from the source's layer towards the target's.
            var route = layout.EdgeRoutes.TryGetValue(edge, out var bends) && bends is not null ? bends.Select(Place).ToList() : [];
            route = target.Y >= source.Y ? [.. route.OrderBy(p => p.Y)] : [.. route.OrderByDescending(p => p.Y)];
            var points = new List<(double X, double Y)> { Border(source, route.Count > 0 ? route[0] : target) };
            points.AddRange(route);
            points.Add(Border(target, route.Count > 0 ? route[^1] : source));
            var path = string.Join(' ', points.Select((p, i) => string.Create(inv, $"{(i == 0 ? "M" : "L")} {p.X:0.#} {p.Y:0.#}")));
            var label = Encode(transition.Label.In(language));
            var back = target.Y < source.Y;
            svg.Append(inv, $"<path d=\"{path}\" stroke=\"{(back ? "#8a8a8a" : "#4a4a4a")}\" stroke-width=\"1.5\"{(back ? DashedBack : string.Empty)} fill=\"none\" marker-end=\"url(#arrow)\"><title>{label}</title></path>");
            if (labelled.Add(edge.Tag))
            {
                // Once per transition, at the middle of its first edge, on a white ground so it stays readable.
                var (mx, my) = PlaceLabel(points, transition.Label.In(language).Length, taken);
                labels.Append(inv, $"<text x=\"{mx:0.#}\" y=\"{my + 4:0.#}\" text-anchor=\"middle\" font-family=\"Arial, sans-serif\" font-size=\"10\" fill=\"#3a3a3a\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" class=\"process-diagram__edge-label\">{label}</text>");
            }
        }

        // Side exits: a dashed stub into the left of the target, and a line each in the legend below.
        var legendY = height;
        foreach (var transition in transitions.Where(IsSideExit))
        {
            var (cx, cy) = centre[transition.To];
            var label = Encode(transition.Label.In(language));
            svg.Append(inv, $"<path d=\"M {cx - (BoxWidth / 2.0) - 24:0.#} {cy:0.#} L {cx - (BoxWidth / 2.0):0.#} {cy:0.#}\" stroke=\"#8a8a8a\" stroke-width=\"1.2\"{DashedBack} fill=\"none\" marker-end=\"url(#arrow)\"><title>{label}</title></path>");
            var to = Encode(definition.State(transition.To).Label.In(language));
            var line = string.Format(inv, language == "en" ? "- - → {0}: {1} (from {2} steps)" : "- - → {0}: {1} (vanuit {2} stappen)", to, label, transition.From.Count);
            labels.Append(inv, $"<text x=\"{Margin}\" y=\"{legendY:0.#}\" font-family=\"Arial, sans-serif\" font-size=\"11\" fill=\"#3a3a3a\">{line}</text>");
            legendY += 16;
        }

        height = (int)legendY + (legendY > height ? Margin : 0);

        foreach (var state in definition.States)
        {
            var (cx, cy) = centre[state.Name];
            var (x, y) = (cx - (BoxWidth / 2.0), cy - (BoxHeight / 2.0));
            var current = state.Name == currentState;
            var fill = current ? "#fff4c2" : state.Final ? "#f3f3f3" : "#ffffff";
            var stroke = current ? "#0b0c0c" : "#5a5a5a";
            svg.Append(inv, $"<g data-state=\"{state.Name}\"{(current ? " data-current=\"true\"" : string.Empty)}>");
            svg.Append(inv, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"{(state.Final ? 22 : 6)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(current ? 4 : 1.5)}\"/>");
            var lines = Wrap(state.Label.In(language), 26);
            for (var i = 0; i < lines.Count; i++)
            {
                var lineY = cy + ((i - ((lines.Count - 1) / 2.0)) * 15) + 5;
                svg.Append(inv, $"<text x=\"{cx:0.#}\" y=\"{lineY:0.#}\" text-anchor=\"middle\" font-family=\"Arial, sans-serif\" font-size=\"12\" fill=\"#0b0c0c\"{(current ? " font-weight=\"bold\"" : string.Empty)}>{Encode(lines[i])}</text>");
            }

            svg.Append("</g>");
        }

        svg.Append(labels).Append("</svg>");
        return string.Create(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"diagram-title-{definition.Id}-{definition.Version}\" class=\"process-diagram\">")
            + $"<title id=\"diagram-title-{definition.Id}-{definition.Version}\">{Encode(title)}</title>" + svg;
    }

    /// <summary>A state as a vertex: equal and hashed by its position in the definition, the same in every process.</summary>
    private sealed class Node(int index, string name) : IEquatable<Node>
    {
        public int Index { get; } = index;

        public string Name { get; } = name;

        public bool Equals(Node? other) => other is not null && other.Index == Index;

        public override bool Equals(object? obj) => Equals(obj as Node);

        public override int GetHashCode() => Index;
    }

    /// <summary>Boxes of one layer side by side with at least a small gap (the layout can place two on top of each other).</summary>
    private static void SeparateWithinLayers(Dictionary<string, (double X, double Y)> centre)
    {
        foreach (var layer in centre.GroupBy(c => Math.Round(c.Value.Y)).ToList())
        {
            var right = double.MinValue;
            foreach (var (name, (x, y)) in layer.OrderBy(c => c.Value.X).ThenBy(c => c.Key, StringComparer.Ordinal).ToList())
            {
                var placed = Math.Max(x, right + BoxWidth + 24);
                centre[name] = (placed, y);
                right = placed;
            }
        }
    }

    private static bool IsSideExit(TransitionDefinition transition) => transition.From.Count > 2;

    /// <summary>Where the line from a box's centre towards a point leaves the box.</summary>
    private static (double X, double Y) Border((double X, double Y) centre, (double X, double Y) towards)
    {
        var (dx, dy) = (towards.X - centre.X, towards.Y - centre.Y);
        if (dx == 0 && dy == 0)
        {
            return centre;
        }

        var scale = Math.Min(dx == 0 ? double.MaxValue : (BoxWidth / 2.0) / Math.Abs(dx), dy == 0 ? double.MaxValue : (BoxHeight / 2.0) / Math.Abs(dy));
        return (centre.X + (dx * scale), centre.Y + (dy * scale));
    }

    /// <summary>
    /// A place for an edge's label: halfway along the edge, or else the first of a few other points along
    /// it where the label covers no box and no other label; the place is then taken.
    /// </summary>
    private static (double X, double Y) PlaceLabel(List<(double X, double Y)> points, int characters, List<(double Left, double Top, double Right, double Bottom)> taken)
    {
        var halfWidth = characters * 2.8;
        (double, double, double, double) Box((double X, double Y) p) => (p.X - halfWidth, p.Y - 7, p.X + halfWidth, p.Y + 6);
        bool Free((double L, double T, double R, double B) b) => !taken.Any(t => b.L < t.Right && b.R > t.Left && b.T < t.Bottom && b.B > t.Top);
        var candidates = LabelPositions.Select(f => Along(points, f)).ToList();
        var chosen = candidates.FirstOrDefault(c => Free(Box(c)), candidates[0]);
        taken.Add(Box(chosen));
        return chosen;
    }

    /// <summary>The point at a fraction of the length of a polyline.</summary>
    private static (double X, double Y) Along(List<(double X, double Y)> points, double fraction)
    {
        var lengths = points.Zip(points.Skip(1), (a, b) => Math.Sqrt(Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2))).ToList();
        var half = lengths.Sum() * fraction;
        for (var i = 0; i < lengths.Count; i++)
        {
            if (half <= lengths[i] && lengths[i] > 0)
            {
                var t = half / lengths[i];
                return (points[i].X + ((points[i + 1].X - points[i].X) * t), points[i].Y + ((points[i + 1].Y - points[i].Y) * t));
            }

            half -= lengths[i];
        }

        return points[^1];
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
