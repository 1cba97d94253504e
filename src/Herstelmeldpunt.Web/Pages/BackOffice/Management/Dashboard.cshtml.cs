using System.Globalization;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Common.Csv;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Management;

/// <summary>
/// The management dashboard over live data, for a period (default: the last three months), with a
/// table beside every chart, the forecast, and CSV exports without BSN or health details.
/// Printing the page (with a month as period) gives the monthly summary for reporting upward.
/// </summary>
public sealed class DashboardModel(Dashboard dashboard, AppDbContext db, WorkflowCatalog catalog, Herstelmeldpunt.Web.Cases.Complaints.ComplaintDesk complaints, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "van")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public DateOnly? To { get; set; }

    public DashboardFigures Figures { get; private set; } = null!;

    /// <summary>When the figures shown were computed (UTC): the stored figures, at most minutes old (<see cref="Web.Management.FiguresJob"/>).</summary>
    public DateTime ComputedAt { get; private set; }

    public string? PeriodErrorKey { get; private set; }

    /// <summary>This year's register of complaints (Awb 9:12a): subject, outcome (null while open), count.</summary>
    public IReadOnlyList<(Herstelmeldpunt.Web.Cases.Complaints.ComplaintSubject Subject, Herstelmeldpunt.Web.Cases.Complaints.ComplaintOutcome? Outcome, int Count)> Complaints { get; private set; } = [];

    public int ComplaintsYear => Common.AmsterdamTime.Today(clock).Year;

    public string StateLabel(string state) =>
        catalog.All.OrderByDescending(d => d.Version).SelectMany(d => d.States).FirstOrDefault(s => s.Name == state)?.Label.In(Cultures.CurrentLanguage) ?? state;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Figures, ComputedAt) = await dashboard.SnapshotAsync(ResolvePeriod(), cancellationToken);
        Complaints = await complaints.RegisterAsync(ComplaintsYear, cancellationToken);
    }

    public async Task<IActionResult> OnGetFiguresCsvAsync(CancellationToken cancellationToken)
    {
        var (f, _) = await dashboard.SnapshotAsync(ResolvePeriod(), cancellationToken);
        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.FiguresCsv, (Guid?)null, $"figures {f.Period.From:yyyy-MM-dd} to {f.Period.To:yyyy-MM-dd} (counts only)");
        await db.SaveChangesAsync(cancellationToken);
        var rows = new List<IReadOnlyList<object?>> { new object?[] { "figure", "key", "value" } };
        void Add(string figure, IEnumerable<Count> counts) => rows.AddRange(counts.Select(c => (IReadOnlyList<object?>)[figure, c.Key, c.Value]));
        rows.Add(["period", "from", f.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        rows.Add(["period", "to", f.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        rows.Add(["received", "total", f.Received]);
        Add("state", f.ByState);
        Add("urgency", f.ByUrgency);
        Add("source", f.BySource);
        rows.AddRange(f.Weeks.Select(w => (IReadOnlyList<object?>)["week_received", w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Received]));
        rows.AddRange(f.Weeks.Select(w => (IReadOnlyList<object?>)["week_closed", w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Closed]));
        Add("ageing_days", f.Ageing);
        rows.Add(["deadlines", "missed", f.DeadlinesMissed]);
        rows.Add(["deadlines", "within_two_days", f.DeadlinesWithinTwoDays]);
        rows.Add(["decision_term", "decided", f.DecisionTerm.Decided]);
        rows.Add(["decision_term", "within_term", f.DecisionTerm.WithinTerm]);
        rows.Add(["lead_time_days", "median", f.DecisionTerm.MedianLeadDays ?? 0]);
        rows.Add(["lead_time_days", "p90", f.DecisionTerm.P90LeadDays ?? 0]);
        Add("committee_workload", f.CommitteeWorkload);
        rows.Add(["satisfaction", "calls", f.Satisfaction.Calls]);
        rows.Add(["satisfaction", "reached", f.Satisfaction.Reached]);
        rows.Add(["satisfaction", "not_reached", f.Satisfaction.NotReached]);
        Add("satisfaction_score", f.Satisfaction.Scores);
        rows.Add(["satisfaction", CaseVocabulary.Fields.SatisfiedWithProvision, f.Satisfaction.SatisfiedWithProvision]); // named as the answer it counts
        rows.Add(["satisfaction", CaseVocabulary.Fields.ActionNeeded, f.Satisfaction.ActionNeeded]);
        rows.AddRange(f.Forecast.Select(s => (IReadOnlyList<object?>)["forecast_days", s.State, s.DaysToClear]));
        return File(CsvWriter.Write(rows), "text/csv; charset=utf-8", $"herstelmeldpunt-cijfers-{f.Period.From:yyyyMMdd}-{f.Period.To:yyyyMMdd}.csv");
    }

    /// <summary>
    /// The case list of the period: no BSN, no names, no health details. Streamed row by row from the database (a
    /// national scheme's export does not fit in memory).
    /// </summary>
    public async Task<IActionResult> OnGetCasesCsvAsync(CancellationToken cancellationToken)
    {
        var period = ResolvePeriod();
        var fromUtc = period.FromUtc;
        var toUtc = period.ToUtcExclusive;
        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CasesCsv, (Guid?)null, $"cases received {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd} (no names or BSN)");
        await db.SaveChangesAsync(cancellationToken);
        var cases = (from r in db.Reports.AsNoTracking()
                     where r.ReceivedAt >= fromUtc && r.ReceivedAt < toUtc
                     join i in db.WorkflowInstances on r.Id equals i.Id
                     orderby r.ReceivedAt
                     select new { r.ReferenceNumber, r.ReceivedAt, r.Source, r.Urgency, i.State, i.StateEnteredAt, i.DefinitionVersion }).AsAsyncEnumerable();
        return new CsvDownload($"herstelmeldpunt-meldingen-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv", Rows());

        async IAsyncEnumerable<IReadOnlyList<object?>> Rows()
        {
            yield return ["reference", "received", "source", "urgency", "state", "in_state_since", "process_version"];
            await foreach (var c in cases)
            {
                yield return [c.ReferenceNumber, c.ReceivedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), c.Source.ToString(), c.Urgency.ToString(), c.State,
                    c.StateEnteredAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), c.DefinitionVersion];
            }
        }
    }

    private Period ResolvePeriod()
    {
        var today = AmsterdamTime.Today(clock);
        var to = To ?? today;
        var from = From ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-2);
        if (from > to || to.DayNumber - from.DayNumber > 3 * 366)
        {
            PeriodErrorKey = "Dashboard.PeriodInvalid";
            (from, to) = (new DateOnly(today.Year, today.Month, 1).AddMonths(-2), today);
        }

        (From, To) = (from, to);
        return new Period(from, to);
    }
}
