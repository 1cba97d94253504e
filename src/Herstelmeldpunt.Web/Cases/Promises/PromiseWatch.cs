using System.Globalization;
using Hangfire;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>Configuration section "Promises".</summary>
public sealed class PromiseOptions
{
    public const string Section = "Promises";

    /// <summary>The new date an apology gives: this many working days after the day the promise went late.</summary>
    public int RecoveryWorkingDays { get; set; } = 5;

    /// <summary>The silence alarm: an open case whose person heard nothing from us for this many days is on its owners' worklist.</summary>
    public int SilenceDays { get; set; } = 21;

    /// <summary>The moment before which the last message must lie for an open case to count as silent.</summary>
    public DateTime SilentSince(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow().UtcDateTime.AddDays(-SilenceDays);
    }

    /// <summary>Cron (Amsterdam time): when promises whose day passed are marked late and apologised for.</summary>
    public string WatchCron { get; set; } = "15 7 * * *";
}

/// <summary>
/// Once a day (Hangfire): every open promise whose day passed. If a newer date for the same thing was told since, or the
/// case was closed or withdrawn before a promise the process owed only while it ran (<see cref="OwedWhileOpen"/>), it
/// was replaced; otherwise it is late: the person gets one apology with a new date by their channel (which is itself a
/// promise, following the late one), and the late promise stays on its owner's and the manager's worklist until it is
/// done. A retried run finds the row already settled and the apology's key already queued: nothing twice. Scoped.
/// </summary>
public sealed partial class PromiseWatch(AppDbContext db, ReporterMessages messages, WorkingDayCalendar calendar, PromiseOptions options, Localization.JsonStringLocalizer texts, Workflow.Definitions.WorkflowCatalog catalog, TimeProvider clock, ILogger<PromiseWatch> logger)
{
    public const int BatchSize = 500;

    /// <summary>Promises the process owes only while the case runs: once it is closed or withdrawn they are no longer owed (a complaint's answer and a callback still are).</summary>
    public static readonly IReadOnlySet<PromiseKind> OwedWhileOpen = new HashSet<PromiseKind> { PromiseKind.ExpectedDecision, PromiseKind.DecisionTerm, PromiseKind.Call, PromiseKind.Conversation };

    [AutomaticRetry(Attempts = 0)]
    [Queue("default")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = AmsterdamTime.Today(clock);
        var late = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await db.Promises.Where(p => p.State == PromiseState.Open && p.Due < today).OrderBy(p => p.Due).ThenBy(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            var cases = due.Select(p => p.CaseId).Distinct().ToList();
            var newest = await db.Promises.AsNoTracking().Where(p => cases.Contains(p.CaseId))
                .GroupBy(p => new { p.CaseId, p.Kind }).Select(g => new { g.Key.CaseId, g.Key.Kind, Newest = g.Max(p => p.CreatedAt) }).ToListAsync(cancellationToken);
            var reports = await db.Reports.AsNoTracking().Where(r => cases.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            var final = catalog.FinalStates;
            var ended = (await db.WorkflowInstances.AsNoTracking().Where(i => cases.Contains(i.Id) && final.Contains(i.State)).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var promise in due)
            {
                promise.SettledAt = now.UtcDateTime;
                if (newest.Any(n => n.CaseId == promise.CaseId && n.Kind == promise.Kind && n.Newest > promise.CreatedAt)
                    || (ended.Contains(promise.CaseId) && OwedWhileOpen.Contains(promise.Kind)))
                {
                    promise.State = PromiseState.Replaced;
                    continue;
                }

                promise.State = PromiseState.Late;
                late++;
                if (reports.TryGetValue(promise.CaseId, out var report) && report.AnonymisedAt is null)
                {
                    var newDate = calendar.AddWorkingDays(today, options.RecoveryWorkingDays);
                    messages.Queue(report, PromiseCatalogue.ApologyTemplate, $"promise-late:{promise.Id}", new Dictionary<string, string>
                    {
                        ["promise"] = texts.In(report.Language, $"Promise.Kind.{promise.Kind}"),
                        ["promised_on"] = promise.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["when"] = newDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    }, promised: new Promised(newDate, promise.OwnerId, promise.Kind, promise.Id));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        LogDone(late);
        return late;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Promises checked: {Late} went late and were apologised for")]
    private partial void LogDone(int late);
}
