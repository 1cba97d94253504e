using Herstelmeldpunt.Web.Cases.Process;
namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// The effects and actions by their vocabulary name, each registered as a keyed scoped service under its
/// <see cref="INamedCaseStep.StepName"/> (<see cref="CaseStepCatalogue.AddEffect{T}"/>): a step builds only the class it
/// names, in the step's own scope. Scoped.
/// </summary>
public sealed class CaseStepRegistry(IServiceProvider services)
{
    public ICaseEffect Effect(string name) => services.GetRequiredKeyedService<ICaseEffect>(name);

    public ICaseAction Action(string name) => services.GetRequiredKeyedService<ICaseAction>(name);
}

/// <summary>
/// The names the effect and action classes were registered under, written while the services are registered.
/// <see cref="Check"/> refuses (at start-up, <see cref="Operations.StartupChecks"/>) unless every name in
/// <see cref="CaseVocabulary"/> has exactly one class and every class has a name there: a definition can then never name
/// a step nobody carries out. It reads names only, so it builds none of the classes. Singleton.
/// </summary>
public sealed class CaseStepCatalogue
{
    private readonly List<string> effects = [];
    private readonly List<string> actions = [];

    public CaseStepCatalogue AddEffect<T>(IServiceCollection services)
        where T : class, ICaseEffect, INamedCaseStep
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedScoped<ICaseEffect, T>(T.StepName);
        effects.Add(T.StepName);
        return this;
    }

    public CaseStepCatalogue AddAction<T>(IServiceCollection services)
        where T : class, ICaseAction, INamedCaseStep
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedScoped<ICaseAction, T>(T.StepName);
        actions.Add(T.StepName);
        return this;
    }

    /// <summary>Throws with every mismatch between the registered names and the vocabulary at once.</summary>
    public void Check()
    {
        var problems = Problems(effects, CaseVocabulary.Effects.All, "effect").Concat(Problems(actions, CaseVocabulary.Actions.All, "action")).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The case process's steps do not match its vocabulary: " + string.Join("; ", problems) + ".");
        }
    }

    private static IEnumerable<string> Problems(List<string> registered, IReadOnlyCollection<string> vocabulary, string kind)
    {
        var byName = registered.GroupBy(n => n, StringComparer.Ordinal).ToList();
        return byName.Where(g => g.Count() > 1).Select(g => $"{kind} '{g.Key}' has {g.Count()} classes")
            .Concat(byName.Where(g => !vocabulary.Contains(g.Key)).Select(g => $"{kind} '{g.Key}' is not in the vocabulary"))
            .Concat(vocabulary.Where(v => byName.All(g => g.Key != v)).Select(v => $"{kind} '{v}' has no class"));
    }
}
