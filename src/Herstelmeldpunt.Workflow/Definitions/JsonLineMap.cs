using System.Text.Json;

namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>Maps each JSON path in a document (for example "transitions[2].to") to the line it starts on, for error messages.</summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    public static JsonLineMap Build(byte[] utf8)
    {
        var map = new JsonLineMap();
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineAt(long index)
        {
            var found = lineStarts.BinarySearch((int)index);
            return (found >= 0 ? found : ~found - 1) + 1;
        }

        // Each container remembers its own path and, for arrays, the index of the next element.
        var containers = new Stack<(string Path, bool IsArray, int Next)>();
        string? property = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    map.lines.TryAdd(Join(containers.Count == 0 ? string.Empty : containers.Peek().Path, property), LineAt(reader.TokenStartIndex));
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.Pop();
                    continue;
                }

                // A value: its path comes from its parent.
                var path = string.Empty;
                if (containers.Count > 0)
                {
                    var parent = containers.Pop();
                    if (parent.IsArray)
                    {
                        path = $"{parent.Path}[{parent.Next}]";
                        parent.Next++;
                    }
                    else
                    {
                        path = Join(parent.Path, property);
                    }

                    containers.Push(parent);
                }

                map.lines.TryAdd(path, LineAt(reader.TokenStartIndex));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                }

                property = null;
            }
        }
        catch (JsonException)
        {
            // Syntax errors are reported by the deserializer with their own line.
        }

        return map;
    }

    /// <summary>The line of the place, or of its nearest parent that exists in the file.</summary>
    public int? LineOf(string place)
    {
        for (var p = place; ; p = Parent(p))
        {
            if (lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return null;
            }
        }
    }

    private static string Join(string parent, string? property) =>
        parent.Length == 0 ? property ?? string.Empty : $"{parent}.{property}";

    private static string Parent(string place)
    {
        var cut = Math.Max(place.LastIndexOf('.'), place.LastIndexOf('['));
        return cut <= 0 ? string.Empty : place[..cut];
    }
}
