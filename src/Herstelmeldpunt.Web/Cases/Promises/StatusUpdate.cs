using System.Globalization;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>
/// The B1 update the silence alarm asks for: the current step in the person's language and, before the decision, the
/// expected decision date as Mijn melding shows it (reconciled with the legal term; that date is a promise in the
/// ledger). After the decision the update names no date. One per case per day. Scoped.
/// </summary>
public sealed class StatusUpdate(ReporterMessages messages, WorkflowCatalog catalog, ProgressEstimator estimator, WorkingDayCalendar calendar, TimeProvider clock)
{
    public const string Template = "status_update";

    public const string DecidedTemplate = "status_update_decided";

    /// <summary>Queues the update; false when no email or letter reaches the person (staff call them instead).</summary>
    public async Task<bool> SendAsync(AppDbContext db, Report report, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(instance);
        var step = catalog.Get(instance.DefinitionId, instance.DefinitionVersion).State(instance.State).Label.In(report.Language);
        var key = $"update:{report.Id}:{AmsterdamTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        if (CaseVocabulary.States.DecisionFinalOrAfter.Contains(instance.State))
        {
            return messages.Queue(report, DecidedTemplate, key, new Dictionary<string, string> { ["step"] = step });
        }

        var dates = await ReporterDates.ForAsync(db, estimator, calendar, instance, report.Urgency, decided: false, cancellationToken);
        var legal = dates.Deadline?.DueOn;
        var values = dates.Expected is { } expected ? EstimateWatch.DateValues(report, expected) : new Dictionary<string, string>();
        DateOnly? promised = dates.Expected?.Range.To ?? legal;
        if (promised is not { } due)
        {
            return messages.Queue(report, DecidedTemplate, key, new Dictionary<string, string> { ["step"] = step }); // a case from before the term was kept: no date to give
        }

        var culture = report.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch;
        values.TryAdd("when", (report.Language == "en" ? "by " : "uiterlijk op ") + due.ToString("dddd d MMMM yyyy", culture));
        if (dates.Expected?.Outlook == DecisionOutlook.ExpectLate)
        {
            // A date past the term it cites is told as what it is: we expect to be late (estimate_late said what that gives them).
            values["when"] += report.Language == "en" ? " (later than the legal term: we expect to be late, and we are sorry)" : " (later dan de wettelijke termijn: wij verwachten te laat te zijn, het spijt ons)";
        }

        values["legal_due"] = legal is { } l ? l.ToString("dddd d MMMM yyyy", culture) : "-";
        values["step"] = step;
        return messages.Queue(report, Template, key, values, promised: new Promised(due));
    }
}
