using System.Globalization;
using Hangfire;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Terms;

/// <summary>The decision date last told to the person (by email), per open case: the baseline for "it moved".</summary>
public sealed class ReporterEstimate
{
    public Guid CaseId { get; set; }

    public DateOnly DecisionFrom { get; set; }

    public DateOnly DecisionTo { get; set; }

    /// <summary>The last check found that even the earliest expected date is past the legal term: the manager sees these (the most-urgent page), and the person was told once.</summary>
    public bool ExpectedLate { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Once a day (Hangfire, queue "default"): the estimate of every open case, in queue order per step
/// (the rank in the queue is the number ahead), reconciled with the case's legal term as Mijn melding shows it
/// (<see cref="ExpectedDecision.Reconcile"/>). When the expected decision date has moved by more
/// than <see cref="NoticeDays"/> since the person was last told, they get an email; the first estimate
/// of a case is only remembered. When the estimate first says the term will be missed, the person gets one
/// apology with the right it gives them (<c>estimate_late</c>, by email or letter) and the case counts as expected
/// late for the manager until an estimate is back within the term. Scoped.
/// </summary>
public sealed partial class EstimateWatch(AppDbContext db, ProgressEstimator estimator, ReporterMessages reporterMessages, WorkingDayCalendar calendar, TimeProvider clock, ILogger<EstimateWatch> logger)
{
    public const string LateTemplate = "estimate_late";

    public const int NoticeDays = 7;

    [AutomaticRetry(Attempts = 0)]
    [Queue("default")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var stats = await estimator.StatisticsAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var states = ProgressEstimator.MainPath.Append(CaseVocabulary.States.AwaitingInformation).Distinct().ToList();
        var told = 0;
        var pending = 0;
        var cases = 0;
        foreach (var state in states)
        {
            // One step's queue at a time, in queue order, with the date last told beside each case (untracked): at a million
            // reports ~300,000 open cases and as many dates told, which held at once took ~100 MB of the node's heap
            // (issue "budgets raised"); the largest step is about a quarter of that.
            // The term and the date told are joined on their keys (one row per case each) rather than read per case as
            // sub-plans (docs/figures.md, "Estimate watch").
            var queue = await (from i in db.WorkflowInstances.AsNoTracking()
                               where i.State == state
                               join r in db.Reports on i.Id equals r.Id
                               join d in db.Set<CaseDeadline>() on i.Id equals d.CaseId into deadlines
                               from d in deadlines.DefaultIfEmpty()
                               join e in db.Set<ReporterEstimate>() on i.Id equals e.CaseId into estimates
                               from e in estimates.DefaultIfEmpty()
                               orderby r.Urgency descending, i.StateEnteredAt, i.Id
                               select new
                               {
                                   i.Id,
                                   i.State,
                                   i.StateEnteredAt,
                                   Due = d == null ? null : (DateOnly?)d.DueOn,
                                   Known = e == null ? null : new { e.DecisionTo, e.ExpectedLate },
                               }).ToListAsync(cancellationToken);
            cases += queue.Count;
            for (var rank = 0; rank < queue.Count; rank++)
            {
                var item = queue[rank];
                var waiting = item.State == CaseVocabulary.States.AwaitingInformation;
                var raw = ProgressEstimator.Estimate(waiting ? CaseVocabulary.States.Screening : item.State, waiting ? null : item.StateEnteredAt, waiting ? 0 : rank, stats, now);
                var expected = ExpectedDecision.Reconcile(raw.Decision, item.Due, calendar);
                var late = expected.Outlook == DecisionOutlook.ExpectLate;
                var row = new ReporterEstimate { CaseId = item.Id, DecisionFrom = expected.Range.From, DecisionTo = expected.Range.To, ExpectedLate = late, UpdatedAt = now.UtcDateTime };
                var last = item.Known;
                var isNew = last is null;
                var moved = last is not null && Math.Abs(expected.Range.To.DayNumber - last.DecisionTo.DayNumber) > NoticeDays && !waiting;
                if (late && (last is null || !last.ExpectedLate))
                {
                    // The first time we expect to miss the term: one apology, with the right it gives (not again while it stays late).
                    var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == item.Id, cancellationToken);
                    reporterMessages.Queue(report, LateTemplate, $"estimate-late:{item.Id}:{item.Due?.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", DateValues(report, expected), promised: new Promises.Promised(expected.Range.To));
                    told++;
                }
                else if (moved)
                {
                    var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == item.Id, cancellationToken);
                    if (reporterMessages.Queue(report, "estimate_changed", $"estimate:{item.Id}:{expected.Range.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", DateValues(report, expected), promised: new Promises.Promised(expected.Range.To)))
                    {
                        told++;
                    }
                }

                if (isNew)
                {
                    db.Set<ReporterEstimate>().Add(row);
                    pending++;
                }
                else if (moved || late != last!.ExpectedLate)
                {
                    db.Set<ReporterEstimate>().Update(row);
                    pending++;
                }

                if (pending >= 1000)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    pending = 0;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogDone(cases, told);
        return told;
    }

    /// <summary>The dates a message about the expected decision names, written out in the person's language.</summary>
    public static Dictionary<string, string> DateValues(Reports.Report report, ExpectedDecision expected)
    {
        var culture = report.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch;
        var range = string.Format(culture, report.Language == "en" ? "between {0:dddd d MMMM yyyy} and {1:dddd d MMMM yyyy}" : "tussen {0:dddd d MMMM yyyy} en {1:dddd d MMMM yyyy}",
            expected.Range.From.ToDateTime(TimeOnly.MinValue), expected.Range.To.ToDateTime(TimeOnly.MinValue));
        return new Dictionary<string, string>
        {
            ["when"] = range,
            ["legal_due"] = expected.LegalDue is { } due ? due.ToDateTime(TimeOnly.MinValue).ToString("dddd d MMMM yyyy", culture) : "-",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimates checked for {Cases} open cases; {Told} people told their decision date moved")]
    private partial void LogDone(int cases, int told);
}
