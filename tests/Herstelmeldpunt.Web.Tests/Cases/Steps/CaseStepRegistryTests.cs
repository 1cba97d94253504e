using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Steps;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Tests.Cases.Steps;

/// <summary>Every effect and action the vocabulary names has exactly one class, and no class carries a name the vocabulary lacks.</summary>
public sealed class CaseStepRegistryTests
{
    private sealed class Effect(string name) : ICaseEffect
    {
        public string Name => name;

        public Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken) => Task.FromResult<FieldProblem?>(null);
    }

    private sealed class Action(string name) : ICaseAction
    {
        public string Name => name;

        public Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken) => Task.FromResult<CaseTransitionOutcome?>(null);

        public Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    private static List<ICaseEffect> Effects() => [.. CaseVocabulary.Effects.All.Select(n => new Effect(n))];

    private static List<ICaseAction> Actions() => [.. CaseVocabulary.Actions.All.Select(n => new Action(n))];

    [Fact]
    public void One_class_per_name_is_accepted_and_found_by_its_name()
    {
        var registry = new CaseStepRegistry(Effects(), Actions());

        Assert.Equal(CaseVocabulary.Effects.RecordCallOutcome, registry.Effect(CaseVocabulary.Effects.RecordCallOutcome).Name);
        Assert.Equal(CaseVocabulary.Actions.NotifyReporter, registry.Action(CaseVocabulary.Actions.NotifyReporter).Name);
    }

    [Fact]
    public void A_name_without_a_class_stops_start_up()
    {
        var actions = Actions();
        actions.RemoveAll(a => a.Name == CaseVocabulary.Actions.PlanFollowUpCall);

        var refused = Assert.Throws<InvalidOperationException>(() => new CaseStepRegistry(Effects(), actions));
        Assert.Contains("'plan_follow_up_call' has no class", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_classes_for_one_name_or_a_class_outside_the_vocabulary_stop_start_up()
    {
        var effects = Effects();
        effects.Add(new Effect(CaseVocabulary.Effects.ConfirmUrgency));
        effects.Add(new Effect("send_flowers"));

        var refused = Assert.Throws<InvalidOperationException>(() => new CaseStepRegistry(effects, Actions()));
        Assert.Contains("'confirm_urgency' has 2 classes", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'send_flowers' is not in the vocabulary", refused.Message, StringComparison.Ordinal);
    }
}
