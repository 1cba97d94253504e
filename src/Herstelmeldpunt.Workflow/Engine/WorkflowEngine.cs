using System.Globalization;
using System.Text.Json;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Workflow.Engine;

/// <summary>
/// Moves instances through their pinned definition. Decides, never stores: the host persists the
/// instance, the journal row and the timers in its own transaction, using <see cref="WorkflowInstance.Version"/>
/// as a concurrency token. Stateless and thread-safe.
/// </summary>
public sealed class WorkflowEngine(WorkflowCatalog catalog, IDueDateCalculator dueDates)
{
    public const string StartTransition = "start";

    /// <summary>The longest text a long-text field takes (the column every such text goes into).</summary>
    public const int LongTextMax = 4000;

    /// <summary>The longest text a short-text field takes.</summary>
    public const int TextMax = 500;

    public WorkflowCatalog Catalog => catalog;

    public WorkflowDefinition DefinitionOf(WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return catalog.Get(instance.DefinitionId, instance.DefinitionVersion);
    }

    /// <summary>Starts an instance on the latest published version and pins it there.</summary>
    public (WorkflowInstance Instance, Applied Start) Start(string definitionId, Guid subjectId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var definition = catalog.LatestPublished(definitionId);
        var instance = new WorkflowInstance
        {
            Id = subjectId,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            State = definition.Initial,
            Version = 1,
            StartedAt = now.UtcDateTime,
            StateEnteredAt = now.UtcDateTime,
        };
        var journal = Journal(instance, definition, StartTransition, actor, role: null, from: null, note: null, data: null, now);
        var state = definition.State(definition.Initial);
        return (instance, new Applied(journal, null, Timers(instance, state, now), state.OnEnter, [], new Dictionary<string, string?>()));
    }

    /// <summary>The transitions from the current state that the actor's roles allow, each with its guards' verdict.</summary>
    public IReadOnlyList<TransitionOption> Options(WorkflowInstance instance, Actor actor, IGuardEvaluator guards)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(guards);
        var definition = DefinitionOf(instance);
        return definition.TransitionsFrom(instance.State)
            .Where(t => t.Roles.Any(actor.Roles.Contains))
            .Select(t => new TransitionOption(t, FirstRefusal(t, actor, instance, guards)))
            .ToList();
    }

    /// <summary>
    /// Checks and applies a transition: the version the person saw, the state, the role, the guards and
    /// the fields. On success the instance is moved (state, version, times) and the result says what to store.
    /// </summary>
    public TransitionResult Apply(WorkflowInstance instance, string transitionName, Actor actor, IGuardEvaluator guards, TransitionInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(input);
        var definition = DefinitionOf(instance);
        if (input.ExpectedVersion != instance.Version)
        {
            return Refuse(RefusalReason.Stale, "Workflow.Refused.Stale");
        }

        var transition = definition.Transition(transitionName);
        if (transition is null)
        {
            return Refuse(RefusalReason.UnknownTransition, "Workflow.Refused.Unknown");
        }

        if (!transition.From.Contains(instance.State))
        {
            return Refuse(RefusalReason.NotAvailableInState, "Workflow.Refused.NotNow");
        }

        var role = transition.Roles.FirstOrDefault(actor.Roles.Contains);
        if (role is null)
        {
            return Refuse(RefusalReason.RoleNotAllowed, "Workflow.Refused.Role");
        }

        var verdict = FirstRefusal(transition, actor, instance, guards);
        if (!verdict.Passed)
        {
            return Refuse(RefusalReason.GuardFailed, verdict.ReasonKey ?? "Workflow.Refused.Guard");
        }

        var (data, problems) = CheckFields(transition, input);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (transition.Note == NoteRule.Required && note is null)
        {
            problems.Add(new FieldProblem("note", "Workflow.Field.NoteRequired"));
        }

        if (problems.Count > 0)
        {
            return new Refused(RefusalReason.InvalidInput, "Workflow.Refused.Input", problems);
        }

        var from = instance.State;
        instance.State = transition.To;
        instance.Version++;
        instance.StateEnteredAt = now.UtcDateTime;
        var journal = Journal(instance, definition, transition.Name, actor, role, from, transition.Note == NoteRule.None ? null : note, data, now);
        var target = definition.State(transition.To);
        return new Applied(journal, from, Timers(instance, target, now), target.OnEnter, transition.Effects, data);
    }

    private static GuardVerdict FirstRefusal(TransitionDefinition transition, Actor actor, WorkflowInstance instance, IGuardEvaluator guards) =>
        transition.Guards.Select(g => guards.Evaluate(g, actor, instance)).FirstOrDefault(v => !v.Passed) ?? GuardVerdict.Pass;

    private static (Dictionary<string, string?> Data, List<FieldProblem> Problems) CheckFields(TransitionDefinition transition, TransitionInput input)
    {
        var data = new Dictionary<string, string?>(StringComparer.Ordinal);
        var problems = new List<FieldProblem>();
        foreach (var field in transition.Fields)
        {
            var value = input.Data.TryGetValue(field.Name, out var raw) && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;
            var required = field.Required
                || (field.RequiredWhen is { } when && data.TryGetValue(when.Field, out var other) && other == when.EqualsValue);
            if (value is null)
            {
                if (required)
                {
                    problems.Add(new FieldProblem(field.Name, "Workflow.Field.Required"));
                }

                data[field.Name] = null;
                continue;
            }

            var valid = field.Type switch
            {
                FieldType.Text => value.Length <= TextMax,
                FieldType.LongText => value.Length <= LongTextMax,
                FieldType.YesNo => value is "yes" or "no",
                FieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                FieldType.Choice => field.Options.Any(o => o.Value == value),
                FieldType.Member => value.Length <= 450,
                _ => false,
            };
            if (!valid)
            {
                problems.Add(new FieldProblem(field.Name, $"Workflow.Field.Invalid.{field.Type}"));
            }

            data[field.Name] = value;
        }

        return (data, problems);
    }

    private List<WorkflowTimer> Timers(WorkflowInstance instance, StateDefinition state, DateTimeOffset now) =>
        [.. state.Timers.Select(t => new WorkflowTimer
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = instance.Id,
            State = state.Name,
            Name = t.Name,
            DueAt = dueDates.DueAt(now, t.After, t.WorkingDays).UtcDateTime,
            FiresAction = t.Fires.Action,
            FiresWith = t.Fires.With,
            CreatedAt = now.UtcDateTime,
        })];

    private static WorkflowJournalEntry Journal(
        WorkflowInstance instance, WorkflowDefinition definition, string transition, Actor actor, string? role, string? from, string? note, Dictionary<string, string?>? data, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = instance.Id,
            Sequence = instance.Version,
            At = now.UtcDateTime,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Role = role,
            Transition = transition,
            FromState = from,
            ToState = instance.State,
            Note = note,
            DataJson = data is { Count: > 0 } ? JsonSerializer.Serialize(data) : null,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
        };

    private static TransitionResult Refuse(RefusalReason reason, string key) => new Refused(reason, key, []);
}
