using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Management;

/// <summary>One week (Monday to Sunday, Dutch dates) of the public figures.</summary>
public sealed record PublicWeek(DateOnly WeekStart, int Received, int Decided, int DecidedWithinTerm, double? MedianLeadDays);

/// <summary>
/// What the public progress page and its open data show: per week, and over the last <see cref="PublicProgressOptions.HeadlineWeeks"/>
/// weeks (<see cref="From"/>–<see cref="To"/>) the realised median lead time, the share decided within the legal term,
/// satisfaction and the promises kept; now: the expected lead time for a report filed today (the estimator Mijn melding
/// uses) and the open reports older than one and two years. Counts are exact here; the small-number rule is applied when
/// they are shown (<see cref="PublicNumber"/>).
/// </summary>
public sealed record PublicProgressFigures(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<PublicWeek> Weeks,
    int ReceivedTotal,
    int DecidedTotal,
    int? ExpectedLowDays,
    int? ExpectedHighDays,
    int Decided,
    int DecidedWithinTerm,
    double? MedianLeadDays,
    int OpenOverOneYear,
    int OpenOverTwoYears,
    int SatisfactionAnswers,
    double? AverageSatisfaction,
    int PromisesKept,
    int PromisesSettled,
    DateTime ComputedAt)
{
    public double? WithinTermShare => Decided == 0 ? null : (double)DecidedWithinTerm / Decided;

    public double? PromisesKeptShare => PromisesSettled == 0 ? null : (double)PromisesKept / PromisesSettled;
}

/// <summary>Configuration section "PublicProgress".</summary>
public sealed class PublicProgressOptions
{
    public const string Section = "PublicProgress";

    /// <summary>How many weeks the table and chart show.</summary>
    public int Weeks { get; set; } = 26;

    /// <summary>The period of the headline figures (median, within term, satisfaction, promises), in weeks back from today.</summary>
    public int HeadlineWeeks { get; set; } = 13;

    /// <summary>How old the stored figures may be before a node computes new ones itself (the job <c>figures</c> stores them every five minutes).</summary>
    public int CacheMinutes { get; set; } = 10;
}

/// <summary>
/// The small-number rule of the public figures: a count from 1 to 9 is shown as "fewer than 10" (and as "&lt;10" in the
/// open data), and a median or share resting on fewer than 10 cases is not shown at all, so nobody can be recognised.
/// </summary>
public static class PublicNumber
{
    /// <summary>How the public figures' responses may be stored: the same for everyone, five minutes.</summary>
    public const string CacheControl = "public, max-age=300";

    public const int Threshold = 10;

    public const string Suppressed = "<10";

    public static bool Hidden(int count) => count is > 0 and < Threshold;

    /// <summary>A count for the open data: the number, or "&lt;10".</summary>
    public static object Open(int count) => Hidden(count) ? Suppressed : count;

    /// <summary>A figure resting on <paramref name="basis"/> cases: null when there are fewer than ten.</summary>
    public static double? Derived(double? value, int basis) => basis < Threshold ? null : value;
}

/// <summary>
/// Computes the public figures from the same tables and with the same rules as the management dashboard (received by
/// day, decisions by <see cref="CaseDeadline.DecidedOn"/> against its due day, lead time in calendar days, satisfaction
/// from follow-up calls and forms, promises due in the period). The page serves the set the job <c>figures</c> stored
/// (<see cref="KeptFigures{T}"/>, <see cref="Name"/>). Scoped.
/// </summary>
public sealed class PublicProgress(AppDbContext db, WorkflowCatalog catalog, ProgressSnapshots snapshots, PublicProgressOptions options, KeptFigures<PublicProgressFigures> kept, TimeProvider clock)
{
    public const string Name = "public-progress";

    /// <summary>The kept set of these figures (registered as a singleton; the job computes it after the estimates' figures).</summary>
    public static KeptFigures<PublicProgressFigures> Keep(IServiceProvider services) =>
        KeptFigures.For<PublicProgressFigures>(services, Name, 1, TimeSpan.FromMinutes(services.GetRequiredService<PublicProgressOptions>().CacheMinutes),
            (inScope, _, cancellationToken) => inScope.GetRequiredService<PublicProgress>().ComputeAsync(cancellationToken));

    public async Task<PublicProgressFigures> CurrentAsync(CancellationToken cancellationToken) => (await kept.CurrentAsync(cancellationToken)).Figures;

    /// <summary>The figures straight from the database.</summary>
    public async Task<PublicProgressFigures> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = AmsterdamTime.Today(clock);
        var thisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstWeek = thisWeek.AddDays(-7 * (options.Weeks - 1));
        var toUtc = AmsterdamTime.StartOfDayUtc(today.AddDays(1));

        // The headline period: the last weeks up to today. One read of the decisions serves the weeks and the headline.
        var from = today.AddDays(-7 * options.HeadlineWeeks + 1);
        var firstDecided = from < firstWeek ? from : firstWeek;
        var decisions = await db.Set<CaseDeadline>().AsNoTracking().Where(d => d.DecidedOn != null && d.DecidedOn >= firstDecided && d.DecidedOn <= today)
            .Select(d => new { DecidedOn = d.DecidedOn!.Value, d.ReceivedOn, d.DueOn }).ToListAsync(cancellationToken);
        var weeks = new List<PublicWeek>();
        for (var week = firstWeek; week <= thisWeek; week = week.AddDays(7))
        {
            var end = week.AddDays(6);
            var decided = decisions.Where(d => d.DecidedOn >= week && d.DecidedOn <= end).ToList();
            var (weekFromUtc, weekToUtc) = (AmsterdamTime.StartOfDayUtc(week), AmsterdamTime.StartOfDayUtc(end.AddDays(1)));
            weeks.Add(new PublicWeek(
                week,
                await db.Reports.CountAsync(r => r.ReceivedAt >= weekFromUtc && r.ReceivedAt < weekToUtc, cancellationToken), // a range of the ReceivedAt index per week
                decided.Count,
                decided.Count(d => d.DecidedOn <= d.DueOn),
                Dashboard.Percentile([.. decided.Select(d => (double)(d.DecidedOn.DayNumber - d.ReceivedOn.DayNumber)).Order()], 0.5)));
        }

        var periodFromUtc = AmsterdamTime.StartOfDayUtc(from);
        var inPeriod = decisions.Where(d => d.DecidedOn >= from).ToList();
        var lead = inPeriod.Select(d => (double)(d.DecidedOn.DayNumber - d.ReceivedOn.DayNumber)).Order().ToList();

        var final = catalog.FinalStates;
        var oneYear = now.UtcDateTime.AddYears(-1);
        var twoYears = now.UtcDateTime.AddYears(-2);
        var open = from r in db.Reports
                   join i in db.WorkflowInstances on r.Id equals i.Id
                   where !final.Contains(i.State) && r.ReceivedAt < oneYear
                   select r.ReceivedAt;

        var scores = db.FollowUpCalls.AsNoTracking().Where(c => c.CalledAt != null && c.CalledAt >= periodFromUtc && c.CalledAt < toUtc && c.Satisfaction != null);
        var answers = await scores.CountAsync(cancellationToken);
        var promises = await db.Promises.AsNoTracking().Where(p => p.Due >= from && p.Due <= today && (p.State == PromiseState.Kept || p.State == PromiseState.Late))
            .GroupBy(p => p.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        // A report filed today: normal urgency, at the back of the screening queue, the estimator Mijn melding uses.
        int? low = null, high = null;
        var snapshot = await snapshots.CurrentAsync(cancellationToken);
        if (snapshot.Statistics.ContainsKey(CaseVocabulary.States.Screening))
        {
            var ahead = snapshot.Ahead(CaseVocabulary.States.Screening, UrgencyLevel.Normal, now.UtcDateTime);
            var estimate = ProgressEstimator.Estimate(CaseVocabulary.States.Screening, now.UtcDateTime, ahead, snapshot.Statistics, now);
            (low, high) = (estimate.Decision.From.DayNumber - today.DayNumber, estimate.Decision.To.DayNumber - today.DayNumber);
        }

        return new PublicProgressFigures(
            from,
            today,
            weeks,
            await db.Reports.CountAsync(cancellationToken),
            await db.Set<CaseDeadline>().CountAsync(d => d.DecidedOn != null, cancellationToken),
            low,
            high,
            inPeriod.Count,
            inPeriod.Count(d => d.DecidedOn <= d.DueOn),
            Dashboard.Percentile(lead, 0.5),
            await open.CountAsync(cancellationToken),
            await open.CountAsync(at => at < twoYears, cancellationToken),
            answers,
            answers == 0 ? null : await scores.AverageAsync(c => (double)c.Satisfaction!.Value, cancellationToken),
            promises.Where(p => p.Key == PromiseState.Kept).Sum(p => p.Count),
            promises.Sum(p => p.Count),
            now.UtcDateTime);
    }
}
