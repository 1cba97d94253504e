using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Localization;

/// <summary>
/// UI texts live in Localization/nl.json and en.json (embedded), one flat key → text map per language.
/// One text set serves every page: the localizer type argument is ignored. A missing key renders as
/// the key itself and is caught by the tests that compare both files.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer localizer = new(Texts.Load());

    /// <summary>The one text set, for code that writes in a person's language outside a request (letters).</summary>
    public JsonStringLocalizer Localizer => localizer;

    public IStringLocalizer Create(Type resourceSource) => localizer;

    public IStringLocalizer Create(string baseName, string location) => localizer;
}

public sealed class JsonStringLocalizer(IReadOnlyDictionary<string, FrozenDictionary<string, string>> textsByLanguage) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var found = TryGet(name, out var value);
            return new LocalizedString(name, found ? value : name, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            // Plurals: when the first number is 1 and a text "NAME.One" exists, that one ("1 zaak", not "1 zaken").
            var text = arguments is [1, ..] && TryGet(name + ".One", out _) ? this[name + ".One"] : this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text.Value, arguments), text.ResourceNotFound);
        }
    }

    /// <summary>A text in the given language ("nl" or "en"), whatever the current culture.</summary>
    public string In(string language, string name) =>
        (textsByLanguage.TryGetValue(language, out var texts) ? texts : textsByLanguage[Texts.DefaultLanguage]).TryGetValue(name, out var value) ? value : name;

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Current().Select(kv => new LocalizedString(kv.Key, kv.Value));

    private bool TryGet(string name, out string value) => Current().TryGetValue(name, out value!);

    private FrozenDictionary<string, string> Current() =>
        textsByLanguage.TryGetValue(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, out var texts)
            ? texts
            : textsByLanguage[Texts.DefaultLanguage];
}

public static class Texts
{
    public const string DefaultLanguage = "nl";
    public static readonly string[] Languages = ["nl", "en"];

    public static IReadOnlyDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(Texts).Assembly;
        var result = new Dictionary<string, FrozenDictionary<string, string>>();
        foreach (var language in Languages)
        {
            var resource = $"Herstelmeldpunt.Web.Localization.{language}.json";
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded text file {resource} is missing.");
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"Embedded text file {resource} is empty.");
            result[language] = map.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return result;
    }
}
