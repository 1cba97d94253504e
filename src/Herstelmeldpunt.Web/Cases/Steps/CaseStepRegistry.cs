using Herstelmeldpunt.Web.Cases.Process;
namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// The effects and actions by their vocabulary name. Built once per scope from the registered classes and refused
/// (at start-up, <see cref="Operations.StartupChecks"/>) unless every name in <see cref="CaseVocabulary"/> has exactly
/// one class and every class has a name there: a definition can then never name a step nobody carries out. Scoped.
/// </summary>
public sealed class CaseStepRegistry
{
    private readonly Dictionary<string, ICaseEffect> effects;
    private readonly Dictionary<string, ICaseAction> actions;

    public CaseStepRegistry(IEnumerable<ICaseEffect> effects, IEnumerable<ICaseAction> actions)
    {
        this.effects = Index(effects, e => e.Name, CaseVocabulary.Effects.All, "effect");
        this.actions = Index(actions, a => a.Name, CaseVocabulary.Actions.All, "action");
    }

    public ICaseEffect Effect(string name) => effects[name];

    public ICaseAction Action(string name) => actions[name];

    private static Dictionary<string, T> Index<T>(IEnumerable<T> registered, Func<T, string> name, IReadOnlyCollection<string> vocabulary, string kind)
    {
        var byName = registered.GroupBy(name, StringComparer.Ordinal).ToList();
        var problems = byName.Where(g => g.Count() > 1).Select(g => $"{kind} '{g.Key}' has {g.Count()} classes")
            .Concat(byName.Where(g => !vocabulary.Contains(g.Key)).Select(g => $"{kind} '{g.Key}' is not in the vocabulary"))
            .Concat(vocabulary.Where(v => byName.All(g => g.Key != v)).Select(v => $"{kind} '{v}' has no class"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The case process's steps do not match its vocabulary: " + string.Join("; ", problems) + ".");
        }

        return byName.ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
    }
}
