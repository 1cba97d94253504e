using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Every date Mijn melding tells the person, worked out in one place: when the current step is expected to end, the
/// expected decision reconciled with the legal term (<see cref="ExpectedDecision"/>), the legal term itself while the
/// report is open, the answer-by date of an open question, and the last day to object once decided.
/// </summary>
public sealed record ReporterDates(DateRange? NextStep, ExpectedDecision? Expected, CaseDeadline? Deadline, DateOnly? AnswerBy, DateOnly? ObjectionUntil)
{
    public static readonly ReporterDates None = new(null, null, null, null, null);

    public static async Task<ReporterDates> ForAsync(AppDbContext db, ProgressEstimator estimator, WorkingDayCalendar calendar, WorkflowInstance instance, UrgencyLevel urgency, bool decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(instance);
        var deadline = await db.Set<CaseDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == instance.Id && d.DecidedOn == null, cancellationToken);
        var answerBy = instance.State == CaseVocabulary.States.AwaitingInformation ? deadline?.SuspendedUntil : null;
        DateOnly? objectionUntil = null;
        if (decided && await db.Set<CaseDeadline>().AsNoTracking().Where(d => d.CaseId == instance.Id).Select(d => d.DecidedOn).FirstOrDefaultAsync(cancellationToken) is { } decidedOn)
        {
            objectionUntil = ObjectionTerm.LastDay(decidedOn);
        }

        return await estimator.EstimateAsync(instance, urgency, cancellationToken) is { } estimate
            ? new ReporterDates(ExpectedDecision.OnWorkingDays(estimate.NextStep, calendar), ExpectedDecision.Reconcile(estimate.Decision, deadline?.DueOn, calendar), deadline, answerBy, objectionUntil)
            : new ReporterDates(null, null, deadline, answerBy, objectionUntil);
    }
}
