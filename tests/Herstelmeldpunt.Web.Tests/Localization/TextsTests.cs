using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;

namespace Herstelmeldpunt.Web.Tests.Localization;

public sealed partial class TextsTests
{
    private static readonly IReadOnlyDictionary<string, System.Collections.Frozen.FrozenDictionary<string, string>> All = Texts.Load();

    [Fact]
    public void Dutch_and_English_have_the_same_keys() =>
        Assert.Equal(All["nl"].Keys.Order(StringComparer.Ordinal), All["en"].Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void No_text_is_empty() =>
        Assert.All(All.Values.SelectMany(t => t), kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));

    [Fact]
    public void Every_key_the_source_uses_has_a_text()
    {
        // Finds T["Key"] in views and "Error.X.Y" / "Field.X" keys in code, so a typo cannot show a raw key to a person.
        var sourceRoot = Path.Combine(RepositoryRoot(), "src", "Herstelmeldpunt.Web");
        var files = Directory.EnumerateFiles(sourceRoot, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var used = files.SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Where(k => !k.EndsWith('.'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        var missing = used.Where(k => !All["nl"].ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_state_name_the_code_relies_on_is_in_the_current_process_definition()
    {
        var catalog = Herstelmeldpunt.Workflow.Definitions.WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), Herstelmeldpunt.Web.Cases.Process.CaseVocabulary.Create());
        var current = catalog.LatestPublished(Herstelmeldpunt.Web.Cases.Process.CaseVocabulary.DefinitionId).States.Select(s => s.Name).ToHashSet();
        Assert.DoesNotContain(Herstelmeldpunt.Web.Cases.Process.CaseVocabulary.States.All, s => !current.Contains(s));
        Assert.DoesNotContain(current, s => !Herstelmeldpunt.Web.Cases.Process.CaseVocabulary.States.All.Contains(s)); // and the list is complete
    }

    [Fact]
    public void One_of_something_is_singular_in_Dutch()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = Cultures.Dutch;
        System.Globalization.CultureInfo.CurrentCulture = Cultures.Dutch;
        try
        {
            var texts = new JsonStringLocalizerFactory().Create(typeof(TextsTests));
            Assert.StartsWith("1 zaak op deze pagina.", texts["Worklist.Lead", 1].Value, StringComparison.Ordinal);
            Assert.StartsWith("2 zaken op deze pagina.", texts["Worklist.Lead", 2].Value, StringComparison.Ordinal);
            Assert.Equal("Jan (1 open zaak)", texts["Step.MemberWithLoad", 1, "Jan"].Value);
            Assert.Equal("Jan (3 open zaken)", texts["Step.MemberWithLoad", 3, "Jan"].Value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Every_state_of_every_process_version_has_plain_words_for_the_reporter_in_both_languages()
    {
        var catalog = Herstelmeldpunt.Workflow.Definitions.WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), Herstelmeldpunt.Web.Cases.Process.CaseVocabulary.Create());
        var states = catalog.All.SelectMany(d => d.States).Select(s => s.Name).Distinct().ToList();
        Assert.NotEmpty(states);
        foreach (var language in new[] { "nl", "en" })
        {
            var missing = states.SelectMany(s => new[] { $"MyReport.Stage.{s}", $"MyReport.Next.{s}" }).Where(k => !All[language].ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"{language}: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Every_message_the_intake_validator_can_give_has_a_text_in_both_languages()
    {
        var tooLong = new string('x', 5000);
        var forms = new[]
        {
            new IntakeForm { FilingFor = "other", BirthDay = "1" },
            new IntakeForm
            {
                FilingFor = "other", FullName = tooLong, Bsn = "12", BirthDay = "31", BirthMonth = "2", BirthYear = "2000",
                Email = "x", Phone = "x", PreferredChannel = "Email", RepresentativeName = tooLong, RepresentativeRelation = tooLong,
                RepresentativeEmail = "x", Description = tooLong,
            },
            new IntakeForm { Bsn = "123456789", BirthDay = "1", BirthMonth = "1", BirthYear = "2100", Phone = "0612345678", PreferredChannel = "Email" },
            new IntakeForm { BirthDay = "1", BirthMonth = "1", BirthYear = "1800", Email = "a@b.nl", PreferredChannel = "Phone" },
        };

        var keys = forms.SelectMany(f => IntakeValidator.Validate(f, new DateOnly(2026, 11, 22)).Errors).Select(e => e.MessageKey).ToHashSet();

        Assert.True(keys.Count >= 30, $"only {keys.Count} distinct messages produced");
        Assert.All(keys, key => Assert.True(All["nl"].ContainsKey(key) && All["en"].ContainsKey(key), $"no text for {key}"));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Herstelmeldpunt.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Herstelmeldpunt.sln not found above the test output.");
    }

    [GeneratedRegex("\"(?<key>(?:Error|Field|Common|Intake|Review|Receipt|Home|Privacy|Layout|Service|Api|ApiClients|ApiDocs)\\.[A-Za-z0-9.]+)\"")]
    private static partial Regex KeyPattern();
}
