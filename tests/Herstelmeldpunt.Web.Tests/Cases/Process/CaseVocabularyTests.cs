using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Tests.Cases.Process;

/// <summary>The case process speaks in names: every transition and field of every definition version is named in the vocabulary, and nothing more.</summary>
public sealed partial class CaseVocabularyTests
{
    private static readonly IReadOnlyList<WorkflowDefinition> Versions = WorkflowCatalog
        .LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), CaseVocabulary.Create()).All.Where(d => d.Id == CaseVocabulary.DefinitionId).ToList();

    [Fact]
    public void Every_transition_of_every_version_is_named_and_every_name_is_used()
    {
        var defined = Versions.SelectMany(v => v.Transitions).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(defined.Except(CaseVocabulary.Transitions.All));
        Assert.Empty(CaseVocabulary.Transitions.All.Except(defined));
    }

    [Fact]
    public void Every_field_of_every_version_is_named_and_every_name_is_used()
    {
        var defined = Versions.SelectMany(v => v.Transitions).SelectMany(t => t.Fields).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(defined.Except(CaseVocabulary.Fields.All));
        Assert.Empty(CaseVocabulary.Fields.All.Except(defined));
    }

    [Fact]
    public void No_source_file_outside_the_vocabulary_spells_a_transition_name()
    {
        var sourceRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src"));
        var names = CaseVocabulary.Transitions.All.ToHashSet(StringComparer.Ordinal);
        var bare = Directory.EnumerateFiles(sourceRoot, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != "CaseVocabulary.cs")
            .SelectMany(f => File.ReadLines(f)
                .Where(line => !line.Contains("Names = [", StringComparison.Ordinal)) // the template catalogues: a template may share a transition's name
                .SelectMany(line => QuotedName().Matches(line).Select(m => m.Groups["name"].Value))
                .Where(names.Contains)
                .Select(n => $"{Path.GetRelativePath(sourceRoot, f)}: {n}"))
            .ToList();
        Assert.Empty(bare);
    }

    [GeneratedRegex("\"(?<name>[a-z_]+)\"")]
    private static partial Regex QuotedName();
}
