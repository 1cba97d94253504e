using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Herstelmeldpunt.Web.Common;

/// <summary>
/// Message templates as embedded text files NAME.LANG.txt: a first line "Subject: …", then the body.
/// Placeholders are {{name}}; a template may use only the placeholders its kind allows, checked when
/// the templates load (at start-up), so a typo fails the start, not a message to a person. Shared by
/// the email templates and the letter templates.
/// </summary>
public static partial class TemplateFiles
{
    public static readonly string[] Languages = ["nl", "en"];

    /// <summary>Reads every NAME.LANG.txt under the resource prefix; throws on a missing file, subject line or unknown placeholder.</summary>
    public static Dictionary<(string Name, string Language), (string Subject, string Body)> Load(string resourcePrefix, IEnumerable<string> names, IReadOnlyCollection<string> placeholders)
    {
        var result = new Dictionary<(string, string), (string, string)>();
        foreach (var language in Languages)
        {
            foreach (var name in names)
            {
                var file = $"{name}.{language}.txt";
                var content = Read(resourcePrefix, file);
                var split = content.Split('\n', 2);
                if (!split[0].StartsWith("Subject: ", StringComparison.Ordinal) || split.Length < 2)
                {
                    throw new InvalidOperationException($"Template {resourcePrefix}{file} must start with a line 'Subject: …'.");
                }

                foreach (Match placeholder in Placeholder().Matches(content))
                {
                    if (!placeholders.Contains(placeholder.Groups[1].Value))
                    {
                        throw new InvalidOperationException($"Template {resourcePrefix}{file} uses unknown placeholder {placeholder.Value}.");
                    }
                }

                result[(name, language)] = (split[0]["Subject: ".Length..].Trim(), split[1].Trim() + "\n");
            }
        }

        return result;
    }

    /// <summary>An embedded resource as text with "\n" line ends.</summary>
    public static string Read(string resourcePrefix, string file)
    {
        Assembly assembly = typeof(TemplateFiles).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourcePrefix + file)
            ?? throw new InvalidOperationException($"Template {resourcePrefix}{file} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Replaces each {{name}} by its value (encoded by <paramref name="encode"/>); a missing value throws.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values, string template, Func<string, string>? encode = null) =>
        Placeholder().Replace(text, m =>
        {
            var value = values.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new KeyNotFoundException($"No value for {m.Value} in '{template}'.");
            return encode is null ? value : encode(value);
        });

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
