using System.Globalization;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// A message to the person by their channel (<see cref="ReporterMessages"/>): on entering a state, the template the
/// state names, with what staff wrote for the person (the question, the explanation) for the letter — emails carry
/// only the reference; the closing message says how long data is kept, the final decision its wording and the last
/// day to object. From a timer, a reminder (v3 on: an unanswered question), once per timer. Scoped.
/// </summary>
public sealed class NotifyReporter(AppDbContext db, ReporterMessages reporterMessages, DecisionLetterText decisionText, Audit.RetentionOptions retention, TimeProvider clock) : ICaseAction, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Actions.NotifyReporter;

    public async Task<CaseTransitionOutcome?> OnEnterAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.With is not { } template)
        {
            return null;
        }

        var values = context.Applied.Data.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!);
        if (template == CaseWorkflow.ClosedTemplate)
        {
            values[CaseWorkflow.KeptForPlaceholder] = retention.KeptFor(context.Instance.State, context.Report.Language);
        }

        if (template == CaseVocabulary.States.DecisionFinal)
        {
            values["decision"] = await decisionText.ForAsync(context.Instance.Id, context.Report.Language, cancellationToken);
            values[ObjectionTerm.UntilPlaceholder] = ObjectionTerm.LastDay(AmsterdamTime.Today(clock)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        reporterMessages.Queue(context.Report, template, $"case:{context.Instance.Id}:{context.Applied.Journal.Sequence}:{template}", values);
        return null;
    }

    public async Task<bool> OnTimerAsync(TimerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Timer.FiresWith is { } template)
        {
            var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == context.Timer.InstanceId, cancellationToken);
            reporterMessages.Queue(report, template, $"timer:{context.Timer.Id}:{template}");
        }

        return true;
    }
}
