using System.Globalization;
using Hangfire;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>The decision date last told to the person (by email), per open case: the baseline for "it moved".</summary>
public sealed class ReporterEstimate
{
    public Guid CaseId { get; set; }

    public DateOnly DecisionFrom { get; set; }

    public DateOnly DecisionTo { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Once a day (Hangfire, queue "default"): the estimate of every open case, in queue order per step
/// (the rank in the queue is the number ahead). When the expected decision date has moved by more
/// than <see cref="NoticeDays"/> since the person was last told, they get an email; the first estimate
/// of a case is only remembered. Scoped.
/// </summary>
public sealed partial class EstimateWatch(AppDbContext db, ProgressEstimator estimator, ReporterMessages reporterMessages, TimeProvider clock, ILogger<EstimateWatch> logger)
{
    public const int NoticeDays = 7;

    [AutomaticRetry(Attempts = 0)]
    [Queue("default")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var stats = await estimator.StatisticsAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var states = ProgressEstimator.MainPath.Append(CaseVocabulary.States.AwaitingInformation).ToList();
        var open = await (from i in db.WorkflowInstances.AsNoTracking()
                          join r in db.Reports on i.Id equals r.Id
                          where states.Contains(i.State)
                          select new { i.Id, i.State, i.StateEnteredAt, r.Urgency }).ToListAsync(cancellationToken);
        // Only the date last told, untracked: at a million reports ~300,000 rows, which tracked would make every
        // batch's save look through all of them. A batch is saved and let go every 1,000 changes.
        var known = await db.Set<ReporterEstimate>().AsNoTracking().ToDictionaryAsync(e => e.CaseId, e => e.DecisionTo, cancellationToken);
        var told = 0;
        var pending = 0;
        foreach (var step in open.GroupBy(o => o.State))
        {
            var queue = step.OrderByDescending(o => o.Urgency).ThenBy(o => o.StateEnteredAt).ToList();
            for (var rank = 0; rank < queue.Count; rank++)
            {
                var item = queue[rank];
                var waiting = item.State == CaseVocabulary.States.AwaitingInformation;
                var estimate = ProgressEstimator.Estimate(waiting ? CaseVocabulary.States.Screening : item.State, waiting ? null : item.StateEnteredAt, waiting ? 0 : rank, stats, now);
                if (!known.TryGetValue(item.Id, out var lastTo))
                {
                    db.Set<ReporterEstimate>().Add(new ReporterEstimate { CaseId = item.Id, DecisionFrom = estimate.Decision.From, DecisionTo = estimate.Decision.To, UpdatedAt = now.UtcDateTime });
                    pending++;
                }
                else if (Math.Abs(estimate.Decision.To.DayNumber - lastTo.DayNumber) > NoticeDays && !waiting)
                {
                    var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == item.Id, cancellationToken);
                    var culture = report.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch;
                    var range = string.Format(culture, report.Language == "en" ? "between {0:dddd d MMMM yyyy} and {1:dddd d MMMM yyyy}" : "tussen {0:dddd d MMMM yyyy} en {1:dddd d MMMM yyyy}",
                        estimate.Decision.From.ToDateTime(TimeOnly.MinValue), estimate.Decision.To.ToDateTime(TimeOnly.MinValue));
                    if (reporterMessages.Queue(report, "estimate_changed", $"estimate:{item.Id}:{estimate.Decision.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", new Dictionary<string, string> { ["when"] = range }))
                    {
                        told++;
                    }

                    db.Set<ReporterEstimate>().Update(new ReporterEstimate { CaseId = item.Id, DecisionFrom = estimate.Decision.From, DecisionTo = estimate.Decision.To, UpdatedAt = now.UtcDateTime });
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
        LogDone(open.Count, told);
        return told;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimates checked for {Cases} open cases; {Told} people told their decision date moved")]
    private partial void LogDone(int cases, int told);
}
