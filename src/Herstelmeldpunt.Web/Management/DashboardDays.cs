using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Management;

/// <summary>
/// What happened on one Dutch calendar day, as far as the dashboard's period figures count it: the reports received
/// that day (by their state now, urgency and source), the cases closed, the decisions taken (by lead time and whether
/// within the term), the follow-up calls made, the promises due that day that were kept or went late, and the messages
/// and callback requests by template. A period's figures are the sum of its days (<see cref="DashboardDays.For"/>).
/// </summary>
public sealed class DayFigures
{
    public DateOnly Day { get; set; }

    public int Received { get; set; }

    public Dictionary<string, int> ByState { get; set; } = [];

    public Dictionary<string, int> ByUrgency { get; set; } = [];

    public Dictionary<string, int> BySource { get; set; } = [];

    public int Closed { get; set; }

    /// <summary>Decisions taken this day: calendar days from receipt to decision → how many.</summary>
    public Dictionary<int, int> LeadDays { get; set; } = [];

    public int DecidedWithinTerm { get; set; }

    public int Calls { get; set; }

    public int Reached { get; set; }

    public int NotReached { get; set; }

    /// <summary>Satisfaction score (1–5) → how many.</summary>
    public Dictionary<int, int> Scores { get; set; } = [];

    public int SatisfiedWithProvision { get; set; }

    public int ActionNeeded { get; set; }

    /// <summary>Promises due this day that were kept, by kind.</summary>
    public Dictionary<PromiseKind, int> PromisesKept { get; set; } = [];

    /// <summary>Promises due this day that went late, by kind.</summary>
    public Dictionary<PromiseKind, int> PromisesLate { get; set; } = [];

    /// <summary>Messages about a case (emails and posted letters) made this day, by template.</summary>
    public Dictionary<string, int> Messages { get; set; } = [];

    /// <summary>"Call me back" requests about a message, made this day, by the message's template.</summary>
    public Dictionary<string, int> CallbackRequests { get; set; } = [];
}

/// <summary>The period figures of the dashboard that depend on the period, before the figures of now are added.</summary>
public sealed record PeriodFigures(
    int Received,
    IReadOnlyList<Count> ByState,
    IReadOnlyList<Count> ByUrgency,
    IReadOnlyList<Count> BySource,
    IReadOnlyList<WeekFigure> Weeks,
    DecisionTermFigures DecisionTerm,
    SatisfactionFigures Satisfaction,
    IReadOnlyList<PromiseMonth> PromiseMonths,
    IReadOnlyList<CallbackShare> Callbacks);

/// <summary>
/// The dashboard's figures per Dutch day (issue "budgets raised": the first view of any period must not wait for
/// aggregates over hundreds of thousands of rows). The job <c>figures</c> computes every day at once and stores them
/// (<see cref="KeptFigures{T}"/>, <see cref="Name"/>); a period is then the sum of at most 1,100 days. The same
/// computation for one period's days is what the dashboard shows when it computes on every view (tests), so there is
/// one way of counting.
/// </summary>
public sealed record DashboardDays(IReadOnlyList<DayFigures> Days)
{
    public const string Name = "dashboard-days";

    /// <summary>
    /// Every day's figures from the database (or only the days of <paramref name="within"/>). Instants are counted on
    /// their Dutch day: each query groups by the UTC day of the instant plus one hour and plus two hours (Amsterdam is
    /// one hour ahead in winter, two in summer), which differ only for the hour before midnight in winter time.
    /// </summary>
    public static async Task<DashboardDays> ComputeAsync(AppDbContext db, IReadOnlyList<string> finalStates, Period? within, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Without a period no bounds (EF leaves the conditions on a null parameter out of the SQL).
        var fromUtc = within?.FromUtc;
        var toUtc = within?.ToUtcExclusive;
        var fromDay = within?.From;
        var toDay = within?.To;
        var days = new SortedDictionary<DateOnly, DayFigures>();
        DayFigures On(DateOnly day) => days.TryGetValue(day, out var figures) ? figures : days[day] = new DayFigures { Day = day };
        static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int count)
            where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + count;

        var reports = db.Reports.AsNoTracking().Where(r => (fromUtc == null || r.ReceivedAt >= fromUtc) && (toUtc == null || r.ReceivedAt < toUtc));
        var received = await (from r in reports
                              join i in db.WorkflowInstances on r.Id equals i.Id
                              group r by new { One = r.ReceivedAt.AddHours(1).Date, Two = r.ReceivedAt.AddHours(2).Date, i.State, r.Urgency, r.Source } into g
                              select new { g.Key.One, g.Key.Two, g.Key.State, g.Key.Urgency, g.Key.Source, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var r in received)
        {
            var day = On(DutchDay(r.One, r.Two));
            day.Received += r.Count;
            Add(day.ByState, r.State, r.Count);
            Add(day.ByUrgency, r.Urgency.ToString(), r.Count);
            Add(day.BySource, r.Source.ToString(), r.Count);
        }

        var closed = await db.WorkflowJournal.AsNoTracking()
            .Where(j => (fromUtc == null || j.At >= fromUtc) && (toUtc == null || j.At < toUtc) && finalStates.Contains(j.ToState) && j.FromState != null && !finalStates.Contains(j.FromState))
            .GroupBy(j => new { One = j.At.AddHours(1).Date, Two = j.At.AddHours(2).Date })
            .Select(g => new { g.Key.One, g.Key.Two, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var c in closed)
        {
            On(DutchDay(c.One, c.Two)).Closed += c.Count;
        }

        // Decisions by their day, the day the report came in and whether within the term: the lead time is the difference of the two days.
        var decided = await db.Set<CaseDeadline>().AsNoTracking()
            .Where(d => d.DecidedOn != null && (fromDay == null || d.DecidedOn >= fromDay) && (toDay == null || d.DecidedOn <= toDay))
            .GroupBy(d => new { DecidedOn = d.DecidedOn!.Value, d.ReceivedOn, Within = d.DecidedOn <= d.DueOn })
            .Select(g => new { g.Key.DecidedOn, g.Key.ReceivedOn, g.Key.Within, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var d in decided)
        {
            var day = On(d.DecidedOn);
            Add(day.LeadDays, d.DecidedOn.DayNumber - d.ReceivedOn.DayNumber, d.Count);
            day.DecidedWithinTerm += d.Within ? d.Count : 0;
        }

        var calls = await db.FollowUpCalls.AsNoTracking()
            .Where(c => c.CalledAt != null && (fromUtc == null || c.CalledAt >= fromUtc) && (toUtc == null || c.CalledAt < toUtc))
            .GroupBy(c => new { One = c.CalledAt!.Value.AddHours(1).Date, Two = c.CalledAt!.Value.AddHours(2).Date, c.Reached, c.Satisfaction, c.SatisfiedWithProvision, c.ActionNeeded })
            .Select(g => new { g.Key.One, g.Key.Two, g.Key.Reached, g.Key.Satisfaction, g.Key.SatisfiedWithProvision, g.Key.ActionNeeded, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var c in calls)
        {
            var day = On(DutchDay(c.One, c.Two));
            day.Calls += c.Count;
            day.Reached += c.Reached == true ? c.Count : 0;
            day.NotReached += c.Reached == false ? c.Count : 0;
            day.SatisfiedWithProvision += c.SatisfiedWithProvision == true ? c.Count : 0;
            day.ActionNeeded += c.ActionNeeded == true ? c.Count : 0;
            if (c.Satisfaction is { } score)
            {
                Add(day.Scores, score, c.Count);
            }
        }

        var promises = await db.Promises.AsNoTracking()
            .Where(p => (fromDay == null || p.Due >= fromDay) && (toDay == null || p.Due <= toDay) && (p.State == PromiseState.Kept || p.State == PromiseState.Late))
            .GroupBy(p => new { p.Due, p.Kind, p.State })
            .Select(g => new { g.Key.Due, g.Key.Kind, g.Key.State, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var p in promises)
        {
            Add(p.State == PromiseState.Kept ? On(p.Due).PromisesKept : On(p.Due).PromisesLate, p.Kind, p.Count);
        }

        var mails = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CaseId != null && m.Template != null && (fromUtc == null || m.CreatedAt >= fromUtc) && (toUtc == null || m.CreatedAt < toUtc))
            .GroupBy(m => new { One = m.CreatedAt.AddHours(1).Date, Two = m.CreatedAt.AddHours(2).Date, Template = m.Template! })
            .Select(g => new { g.Key.One, g.Key.Two, g.Key.Template, Count = g.Count() }).ToListAsync(cancellationToken);
        var posted = await db.CaseLetters.AsNoTracking()
            .Where(l => l.Delivery != Letters.LetterDelivery.Online && (fromUtc == null || l.CreatedAt >= fromUtc) && (toUtc == null || l.CreatedAt < toUtc))
            .GroupBy(l => new { One = l.CreatedAt.AddHours(1).Date, Two = l.CreatedAt.AddHours(2).Date, l.Template })
            .Select(g => new { g.Key.One, g.Key.Two, g.Key.Template, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var m in mails.Concat(posted))
        {
            Add(On(DutchDay(m.One, m.Two)).Messages, m.Template, m.Count);
        }

        var requests = await db.CallbackRequests.AsNoTracking()
            .Where(c => c.Template != null && (fromUtc == null || c.RequestedAt >= fromUtc) && (toUtc == null || c.RequestedAt < toUtc))
            .GroupBy(c => new { One = c.RequestedAt.AddHours(1).Date, Two = c.RequestedAt.AddHours(2).Date, Template = c.Template! })
            .Select(g => new { g.Key.One, g.Key.Two, g.Key.Template, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var r in requests)
        {
            Add(On(DutchDay(r.One, r.Two)).CallbackRequests, r.Template, r.Count);
        }

        return new DashboardDays([.. days.Values]);
    }

    /// <summary>
    /// The Dutch day of an instant from the UTC days of the instant plus one and plus two hours: the same day unless
    /// the instant lies in the last hour before midnight (UTC+1), which is the next Dutch day in summer time only.
    /// </summary>
    public static DateOnly DutchDay(DateTime plusOneHour, DateTime plusTwoHours)
    {
        var one = DateOnly.FromDateTime(plusOneHour);
        if (one == DateOnly.FromDateTime(plusTwoHours))
        {
            return one;
        }

        var instant = new DateTimeOffset(one.ToDateTime(new TimeOnly(22, 30)), TimeSpan.Zero);
        return AmsterdamTime.Zone.GetUtcOffset(instant) >= TimeSpan.FromHours(2) ? one.AddDays(1) : one;
    }

    /// <summary>The period's figures: the sum of its days.</summary>
    public PeriodFigures For(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var inPeriod = Days.Where(d => d.Day >= period.From && d.Day <= period.To).ToList();
        static List<Count> Sum(IEnumerable<Dictionary<string, int>> counts) =>
            [.. counts.SelectMany(c => c).GroupBy(c => c.Key).Select(g => new Count(g.Key, g.Sum(c => c.Value))).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)];

        var weeks = new List<WeekFigure>();
        for (var week = Monday(period.From); week <= period.To; week = week.AddDays(7))
        {
            var end = week.AddDays(7);
            var of = inPeriod.Where(d => d.Day >= week && d.Day < end).ToList();
            weeks.Add(new WeekFigure(week, of.Sum(d => d.Received), of.Sum(d => d.Closed)));
        }

        var lead = inPeriod.SelectMany(d => d.LeadDays).GroupBy(l => l.Key).Select(g => (Days: g.Key, Count: g.Sum(l => l.Value))).OrderBy(l => l.Days).ToList();
        var decided = lead.Sum(l => l.Count);
        var term = new DecisionTermFigures(decided, inPeriod.Sum(d => d.DecidedWithinTerm), Percentile(lead, 0.5), Percentile(lead, 0.9));

        var satisfaction = new SatisfactionFigures(
            inPeriod.Sum(d => d.Calls),
            inPeriod.Sum(d => d.Reached),
            inPeriod.Sum(d => d.NotReached),
            [.. Enumerable.Range(1, 5).Select(s => new Count(s.ToString(System.Globalization.CultureInfo.InvariantCulture), inPeriod.Sum(d => d.Scores.GetValueOrDefault(s))))],
            inPeriod.Sum(d => d.SatisfiedWithProvision),
            inPeriod.Sum(d => d.ActionNeeded));

        var months = inPeriod
            .SelectMany(d => d.PromisesKept.Select(k => (d.Day, k.Key, Kept: k.Value, Late: 0)).Concat(d.PromisesLate.Select(l => (d.Day, l.Key, Kept: 0, Late: l.Value))))
            .GroupBy(p => (p.Key, p.Day.Year, p.Day.Month))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month).ThenBy(g => g.Key.Key)
            .Select(g => new PromiseMonth(g.Key.Key, g.Key.Year, g.Key.Month, g.Sum(p => p.Kept), g.Sum(p => p.Late)))
            .ToList();

        var messages = inPeriod.SelectMany(d => d.Messages).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        var requests = inPeriod.SelectMany(d => d.CallbackRequests).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        var callbacks = messages.Keys.Union(requests.Keys)
            .Select(t => new CallbackShare(t, messages.GetValueOrDefault(t), requests.GetValueOrDefault(t)))
            .OrderByDescending(c => c.Share ?? 0).ThenByDescending(c => c.Messages).ThenBy(c => c.Template, StringComparer.Ordinal).ToList();

        return new PeriodFigures(inPeriod.Sum(d => d.Received), Sum(inPeriod.Select(d => d.ByState)), Sum(inPeriod.Select(d => d.ByUrgency)), Sum(inPeriod.Select(d => d.BySource)),
            weeks, term, satisfaction, months, callbacks);
    }

    /// <summary>The nearest-rank percentile of counted values, ordered by value; null when there are none.</summary>
    private static double? Percentile(IReadOnlyList<(int Days, int Count)> counted, double p)
    {
        var total = counted.Sum(c => c.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Clamp((int)Math.Ceiling(p * total), 1, total);
        var seen = 0;
        foreach (var (days, count) in counted)
        {
            seen += count;
            if (seen >= rank)
            {
                return days;
            }
        }

        return counted[^1].Days;
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
