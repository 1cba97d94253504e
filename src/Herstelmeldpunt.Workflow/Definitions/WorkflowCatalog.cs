namespace Herstelmeldpunt.Workflow.Definitions;

/// <summary>
/// Every definition version found in a directory, validated. Start-up fails on the first invalid
/// file set, listing every problem. Thread-safe after loading (read-only).
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> byVersion;

    private WorkflowCatalog(Dictionary<(string Id, int Version), WorkflowDefinition> definitions)
    {
        byVersion = definitions;
        FinalStates = [.. definitions.Values.SelectMany(d => d.States).Where(s => s.Final).Select(s => s.Name).Distinct()];
    }

    public IReadOnlyCollection<WorkflowDefinition> All => byVersion.Values;

    /// <summary>The names of the states in which a case ends, in any version (a running case may be on an older one).</summary>
    public IReadOnlyList<string> FinalStates { get; }

    /// <summary>Loads every *.json file except JSON Schemas; throws <see cref="WorkflowDefinitionException"/> listing all problems.</summary>
    public static WorkflowCatalog LoadDirectory(string directory, WorkflowVocabulary vocabulary)
    {
        if (!Directory.Exists(directory))
        {
            throw new WorkflowDefinitionException([new DefinitionError(directory, null, "$", "the workflow directory does not exist")]);
        }

        var files = Directory.EnumerateFiles(directory, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)));
        return Load(files, vocabulary);
    }

    public static WorkflowCatalog Load(IEnumerable<(string FileName, byte[] Content)> files, WorkflowVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<DefinitionError>();
        var definitions = new Dictionary<(string, int), WorkflowDefinition>();
        foreach (var (fileName, content) in files)
        {
            var (definition, fileErrors) = DefinitionLoader.Load(fileName, content, vocabulary);
            errors.AddRange(fileErrors);
            if (definition is null)
            {
                continue;
            }

            if (!definitions.TryAdd((definition.Id, definition.Version), definition))
            {
                errors.Add(new DefinitionError(fileName, null, "version",
                    $"'{definition.Id}' version {definition.Version} is also defined in {definitions[(definition.Id, definition.Version)].SourceFile}"));
            }
        }

        if (definitions.Count == 0 && errors.Count == 0)
        {
            errors.Add(new DefinitionError("(workflows)", null, "$", "no workflow definitions found"));
        }

        return errors.Count > 0 ? throw new WorkflowDefinitionException(errors) : new WorkflowCatalog(definitions);
    }

    /// <summary>The newest published version: new instances start on it.</summary>
    public WorkflowDefinition LatestPublished(string id) =>
        byVersion.Values.Where(d => d.Id == id && d.Published).MaxBy(d => d.Version)
        ?? throw new KeyNotFoundException($"No published version of workflow '{id}'.");

    /// <summary>The exact version an instance is pinned to.</summary>
    public WorkflowDefinition Get(string id, int version) =>
        byVersion.TryGetValue((id, version), out var definition)
            ? definition
            : throw new KeyNotFoundException($"Workflow '{id}' version {version} is not loaded; running instances need every version they started on.");
}
