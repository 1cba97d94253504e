using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// A step class's vocabulary name, known without making one: the class is registered under it and the start-up check
/// reads it (<see cref="CaseStepCatalogue"/>), so no effect or action (nor its database context) is built before it runs.
/// </summary>
public interface INamedCaseStep
{
    static abstract string StepName { get; }
}

/// <summary>What an effect sees: the transition being taken, the case's report, who takes it, the step's fields, the time.</summary>
public sealed record EffectContext(string Transition, Report Report, Actor Actor, IReadOnlyDictionary<string, string?> Data, DateTimeOffset Now);

/// <summary>
/// An effect a transition in <c>workflows/</c> names: it runs inside the transition's unit of work, before anything
/// is stored, and a problem refuses the step (nothing is kept). One class per vocabulary name (<see cref="CaseStepRegistry"/>).
/// </summary>
public interface ICaseEffect
{
    Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken);
}

/// <summary>What an entry action sees: the moved instance, its report, what the engine applied, the time, and the workflow for questions about the case.</summary>
public sealed record EntryContext(WorkflowInstance Instance, Report Report, Applied Applied, string? With, DateTimeOffset Now, CaseWorkflow Workflow);

/// <summary>What a timer's action sees: the timer, what its batch read once for all its timers, and the workflow to take a step with.</summary>
public sealed record TimerContext(WorkflowTimer Timer, TimerBatch Batch, CaseWorkflow Workflow);

/// <summary>
/// An action a state (on entry) or a timer (when due) in <c>workflows/</c> names. One class per vocabulary name
/// (<see cref="CaseStepRegistry"/>); each says what it does in both places, doing nothing where it has no meaning.
/// </summary>
public interface ICaseAction
{
    /// <summary>On entering a state that names it, inside the transition's unit of work; a refusal stops the step.</summary>
    Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken);

    /// <summary>When a timer that names it is due, inside the sweep's transaction; false: not fired, the next sweep tries again.</summary>
    Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken);
}
