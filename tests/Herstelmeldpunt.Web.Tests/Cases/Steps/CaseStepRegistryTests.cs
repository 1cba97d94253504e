using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Steps;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Cases.Steps;

/// <summary>Every effect and action the vocabulary names has exactly one class, and no class carries a name the vocabulary lacks.</summary>
public sealed class CaseStepRegistryTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    private sealed class ConfirmUrgencyTwin : ICaseEffect, INamedCaseStep
    {
        public static string StepName => CaseVocabulary.Effects.ConfirmUrgency;

        public Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken) => Task.FromResult<FieldProblem?>(null);
    }

    private sealed class SendFlowers : ICaseEffect, INamedCaseStep
    {
        public static string StepName => "send_flowers";

        public Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken) => Task.FromResult<FieldProblem?>(null);
    }

    [Fact]
    public void The_portal_finds_each_named_step_as_the_one_class_that_carries_its_name()
    {
        app.Services.GetRequiredService<CaseStepCatalogue>().Check();
        using var scope = app.Services.CreateScope();
        var registry = scope.ServiceProvider.GetRequiredService<CaseStepRegistry>();

        Assert.All(CaseVocabulary.Effects.All, name => Assert.Equal(name, NameOf(registry.Effect(name))));
        Assert.All(CaseVocabulary.Actions.All, name => Assert.Equal(name, NameOf(registry.Action(name))));
        Assert.Equal(typeof(NotifyReporter), registry.Action(CaseVocabulary.Actions.NotifyReporter).GetType());
    }

    [Fact]
    public void A_name_without_a_class_stops_start_up()
    {
        var catalogue = Complete(new ServiceCollection(), leaveOut: CaseVocabulary.Actions.PlanFollowUpCall);

        var refused = Assert.Throws<InvalidOperationException>(catalogue.Check);
        Assert.Contains("'plan_follow_up_call' has no class", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_classes_for_one_name_or_a_class_outside_the_vocabulary_stop_start_up()
    {
        var services = new ServiceCollection();
        var catalogue = Complete(services).AddEffect<ConfirmUrgencyTwin>(services).AddEffect<SendFlowers>(services);

        var refused = Assert.Throws<InvalidOperationException>(catalogue.Check);
        Assert.Contains("'confirm_urgency' has 2 classes", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'send_flowers' is not in the vocabulary", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The portal's own classes, as the case process registers them, but one left out.</summary>
    private static CaseStepCatalogue Complete(IServiceCollection services, string? leaveOut = null)
    {
        var catalogue = new CaseStepCatalogue();
        Add<ConfirmUrgency>(catalogue.AddEffect<ConfirmUrgency>);
        Add<RecordCallOutcome>(catalogue.AddEffect<RecordCallOutcome>);
        Add<RecordSurveyAnswer>(catalogue.AddEffect<RecordSurveyAnswer>);
        Add<RecordView>(catalogue.AddEffect<RecordView>);
        Add<RecordObjection>(catalogue.AddEffect<RecordObjection>);
        Add<AssignToCommittee>(catalogue.AddAction<AssignToCommittee>);
        Add<NotifyReporter>(catalogue.AddAction<NotifyReporter>);
        Add<EscalateToManager>(catalogue.AddAction<EscalateToManager>);
        Add<PlanFollowUpCall>(catalogue.AddAction<PlanFollowUpCall>);
        Add<FollowUpCallDue>(catalogue.AddAction<FollowUpCallDue>);
        Add<OpenViewTerm>(catalogue.AddAction<OpenViewTerm>);
        if (leaveOut is null)
        {
            catalogue.Check(); // all of them: accepted
        }

        return catalogue;

        void Add<T>(Func<IServiceCollection, CaseStepCatalogue> add)
            where T : INamedCaseStep
        {
            if (T.StepName != leaveOut)
            {
                add(services);
            }
        }
    }

    private static string NameOf(object step) => (string)step.GetType().GetProperty(nameof(INamedCaseStep.StepName))!.GetValue(null)!;
}
