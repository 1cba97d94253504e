using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// The term to respond to a proposed decision (v5 on; action <c>view_term</c>). On entering "proposed": a new round
/// (<see cref="DecisionView"/>) with its last day, the person told the proposal and the term by their channel (the
/// letter carries the proposal's words; the email only the reference and the date), and two timers of the state: a
/// reminder three working days before the end, and the end itself, which moves an unanswered case on to the
/// directorate as the system. Leaving the state (the person answered) cancels both. Scoped.
/// </summary>
public sealed partial class OpenViewTerm(AppDbContext db, ViewTerm term, ReporterMessages reporterMessages, DecisionLetterText decisionText, ILogger<OpenViewTerm> logger) : ICaseAction, INamedCaseStep
{
    public const string ProposalTemplate = "decision_proposed";

    public const string ReminderTemplate = "view_reminder";

    private const string Reminder = "reminder";

    private const string End = "end";

    public static string StepName => CaseVocabulary.Actions.ViewTerm;

    public async Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (instance, report, now) = (context.Instance, context.Report, context.Now);
        var lastDay = term.LastDay(AmsterdamTime.DateOf(now.UtcDateTime));
        db.DecisionViews.Add(new DecisionView { Id = Guid.CreateVersion7(now), CaseId = instance.Id, ProposalSequence = context.Applied.Journal.Sequence, OpenedAt = now.UtcDateTime, RespondBy = lastDay });
        db.WorkflowTimers.Add(Timer(instance, "view_reminder", term.ReminderAt(lastDay, now), Reminder, now));
        db.WorkflowTimers.Add(Timer(instance, "view_term_end", ViewTerm.EndsAt(lastDay), End, now));

        // The letter says what is proposed; the proposal is this step's, so it is read from the step's data.
        var values = new Dictionary<string, string>
        {
            ["answer_by"] = lastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["decision"] = await decisionText.ForProposalAsync(instance.Id, context.Applied.Data, report.Language, cancellationToken),
        };
        reporterMessages.Queue(report, ProposalTemplate, $"case:{instance.Id}:{context.Applied.Journal.Sequence}:{ProposalTemplate}", values);
        return null;
    }

    public async Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timer = context.Timer;
        var round = await db.DecisionViews.AsNoTracking().LatestOf(timer.InstanceId).FirstOrDefaultAsync(cancellationToken);
        if (round is not { Response: null })
        {
            return true; // answered meanwhile: nothing to remind of or end
        }

        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == timer.InstanceId, cancellationToken);
        if (timer.FiresWith == Reminder)
        {
            reporterMessages.Queue(report, ReminderTemplate, $"timer:{timer.Id}:{ReminderTemplate}",
                new Dictionary<string, string> { ["answer_by"] = round.RespondBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
            return true;
        }

        var version = await db.WorkflowInstances.Where(i => i.Id == timer.InstanceId).Select(i => i.Version).SingleAsync(cancellationToken);
        var outcome = await context.Workflow.ApplyAsync(timer.InstanceId, CaseVocabulary.Transitions.ViewTermEnded, Actor.System("termijn zienswijze"),
            new TransitionInput(version, new Dictionary<string, string?>(), null), cancellationToken);
        if (!outcome.Applied)
        {
            LogNotApplied(timer.InstanceId, outcome.Refused?.Reason.ToString() ?? "?");
        }

        return outcome.Applied;
    }

    private static WorkflowTimer Timer(WorkflowInstance instance, string name, DateTimeOffset due, string with, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        InstanceId = instance.Id,
        State = instance.State,
        Name = name,
        DueAt = due.UtcDateTime,
        FiresAction = CaseVocabulary.Actions.ViewTerm,
        FiresWith = with,
        CreatedAt = now.UtcDateTime,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The view term of case {CaseId} ended but the case could not move on ({Reason}); it will be tried again")]
    private partial void LogNotApplied(Guid caseId, string reason);
}
