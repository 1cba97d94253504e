using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// A step's norm passed: the escalation itself is the fired timer row (the manager's worklist shows it while the case
/// is still in that state); each active manager who wants it also gets an email without personal data, in their own
/// language. Timers only. Scoped.
/// </summary>
public sealed class EscalateToManager(AppDbContext db, EmailTemplates templates, WorkflowEngine engine, TimeProvider clock) : ICaseAction, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Actions.EscalateToManager;

    public Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken) => Task.FromResult<CaseTransitionOutcome?>(null); // fired by timers, never on entering a state

    public Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timer = context.Timer;
        var (reference, instance) = context.Batch.Cases[timer.InstanceId];
        var label = engine.DefinitionOf(instance).State(timer.State).Label;
        foreach (var (managerId, managerEmail, language) in context.Batch.Managers)
        {
            var email = templates.Render("escalation", language, new Dictionary<string, string> { ["reference"] = reference, ["step"] = language == "en" ? label.En : label.Nl });
            EmailOutbox.Enqueue(db, clock, $"escalation:{timer.Id}:{managerId}", new OutgoingEmail(managerEmail, email.Subject, email.Text, email.Html)
            {
                Template = "escalation",
                Priority = OutboxPriority.Staff,
                CaseId = timer.InstanceId,
            });
        }

        return Task.FromResult(true);
    }
}
