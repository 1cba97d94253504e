using System.Globalization;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// All reports, most urgent first, then oldest: filtered (step, urgency, source, assignee, period),
/// searched (reference number, name, or BSN — a BSN search is written to the audit log), and paged by
/// position (keyset: the last row's urgency, receipt time and id), never by counting or skipping rows.
/// The filter is in the address, so it can be bookmarked and shared. No BSN or health details in the list.
/// </summary>
public sealed class IndexModel(AppDbContext db, WorkflowCatalog catalog, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string ReferenceNumber, string FullName, DateTime ReceivedAt, UrgencyLevel Urgency, ReportSource Source, IntakeChannel? Channel, string StateLabel, string? Assignee, DateOnly? DecisionDue, bool Duplicate);

    [BindProperty(SupportsGet = true, Name = "stap")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "urgentie")]
    public UrgencyLevel? Urgency { get; set; }

    [BindProperty(SupportsGet = true, Name = "bron")]
    public ReportSource? Source { get; set; }

    /// <summary>"mij", "niemand", or a member's id.</summary>
    [BindProperty(SupportsGet = true, Name = "toegewezen")]
    public string? Assignee { get; set; }

    [BindProperty(SupportsGet = true, Name = "van")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Search { get; set; }

    /// <summary>The position after which this page starts (from the previous page's last row).</summary>
    [BindProperty(SupportsGet = true, Name = "na")]
    public string? After { get; set; }

    public IReadOnlyList<Row> Reports { get; private set; } = [];

    public string? NextPage { get; private set; }

    public IReadOnlyList<(string Name, string Label)> States { get; private set; } = [];

    public bool Filtered => State is not null || Urgency is not null || Source is not null || Assignee is not null || From is not null || To is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var language = Cultures.CurrentLanguage;
        States = [.. catalog.All.SelectMany(d => d.States).GroupBy(s => s.Name).Select(g => (g.Key, g.Last().Label.In(language)))];
        var me = StaffActor.From(User).UserId;

        var query = from r in db.Reports
                    join i in db.WorkflowInstances on r.Id equals i.Id
                    select new Joined { R = r, I = i };
        if (State is { Length: > 0 })
        {
            query = query.Where(x => x.I.State == State);
        }

        if (Urgency is { } urgency)
        {
            query = query.Where(x => x.R.Urgency == urgency);
        }

        if (Source is { } source)
        {
            query = query.Where(x => x.R.Source == source);
        }

        query = Assignee switch
        {
            null or "" => query,
            "mij" => query.Where(x => x.I.AssigneeId == me),
            "niemand" => query.Where(x => x.I.AssigneeId == null),
            var someone => query.Where(x => x.I.AssigneeId == someone),
        };
        if (From is { } from)
        {
            var start = Common.WorkingDayCalendar.AtLocal(from, TimeOnly.MinValue).UtcDateTime;
            query = query.Where(x => x.R.ReceivedAt >= start);
        }

        if (To is { } to)
        {
            var end = Common.WorkingDayCalendar.AtLocal(to.AddDays(1), TimeOnly.MinValue).UtcDateTime;
            query = query.Where(x => x.R.ReceivedAt < end);
        }

        if (Search?.Trim() is { Length: > 0 } search)
        {
            if (ReferenceNumber.Parse(search) is { } reference)
            {
                query = query.Where(x => x.R.ReferenceNumber == reference);
            }
            else if (Bsn.IsValid(search))
            {
                var bsn = Bsn.Normalize(search);
                query = query.Where(x => x.R.Bsn == bsn);
                Audit.AuditLog.Record(db, clock, User, "case.search-bsn", "case list", "a BSN was searched"); // who searched, not the number
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                var pattern = "%" + search.Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant() + "%";
#pragma warning disable CA1304, CA1311 // translated to SQL lower(): no .NET culture is involved
                query = query.Where(x => EF.Functions.Like(x.R.FullName.ToLower(), pattern));
#pragma warning restore CA1304, CA1311
            }
        }

        // Keyset: the rest of the same urgency after the position, then the lower urgencies from their
        // start. Two range scans of IX_Reports_Queue; one OR over both would make PostgreSQL walk the index.
        var after = Cursor.Parse(After);
        var first = after is null ? query : query.Where(x => (int)x.R.Urgency == after.Urgency && x.R.ReceivedAt >= after.ReceivedAt
            && (x.R.ReceivedAt > after.ReceivedAt || x.R.Id.CompareTo(after.Id) > 0));
        var rows = await Project(first).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (after is not null && rows.Count <= PageSize)
        {
            rows.AddRange(await Project(query.Where(x => (int)x.R.Urgency < after.Urgency)).Take(PageSize + 1 - rows.Count).ToListAsync(cancellationToken));
        }

        var shown = rows.Take(PageSize).ToList();
        Reports = [.. shown.Select(x => new Row(x.Id, x.ReferenceNumber, x.FullName, x.ReceivedAt, x.Urgency, x.Source, x.Channel,
            catalog.Get(x.DefinitionId, x.DefinitionVersion).State(x.State).Label.In(language), x.Assignee, x.DecisionDue, x.Duplicate))];
        NextPage = rows.Count > PageSize ? new Cursor((int)shown[^1].Urgency, shown[^1].ReceivedAt, shown[^1].Id).ToString() : null;
    }

    /// <summary>A report with its case (member initialisation: EF can translate what is read from it later).</summary>
    private sealed class Joined
    {
        public required Report R { get; init; }

        public required Herstelmeldpunt.Workflow.Engine.WorkflowInstance I { get; init; }
    }

    private sealed record Found(Guid Id, string ReferenceNumber, string FullName, DateTime ReceivedAt, UrgencyLevel Urgency, ReportSource Source, IntakeChannel? Channel,
        string State, string DefinitionId, int DefinitionVersion, string? Assignee, DateOnly? DecisionDue, bool Duplicate);

    /// <summary>In the list's order, projected to what a row shows.</summary>
    private IQueryable<Found> Project(IQueryable<Joined> query) => query
        .OrderByDescending(x => x.R.Urgency).ThenBy(x => x.R.ReceivedAt).ThenBy(x => x.R.Id)
        .Select(x => new Found(
            x.R.Id,
            x.R.ReferenceNumber,
            x.R.FullName,
            x.R.ReceivedAt,
            x.R.Urgency,
            x.R.Source,
            x.R.Channel,
            x.I.State,
            x.I.DefinitionId,
            x.I.DefinitionVersion,
            db.Users.Where(u => u.Id == x.I.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Set<CaseDeadline>().Where(d => d.CaseId == x.R.Id && d.DecidedOn == null).Select(d => (DateOnly?)d.DueOn).FirstOrDefault(),
            x.R.DuplicateOfReportId != null));

    /// <summary>The address of this list with the same filter, starting after <paramref name="after"/>.</summary>
    public string Link(string? after)
    {
        var query = new Dictionary<string, string?>
        {
            ["stap"] = State,
            ["urgentie"] = Urgency?.ToString(),
            ["bron"] = Source?.ToString(),
            ["toegewezen"] = Assignee,
            ["van"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["tot"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["zoek"] = Search,
            ["na"] = after,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/backoffice/meldingen", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    /// <summary>A position in the list's order: urgency (descending), receipt time, id.</summary>
    private sealed record Cursor(int Urgency, DateTime ReceivedAt, Guid Id)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Urgency}.{ReceivedAt.Ticks}.{Id:N}");

        public static Cursor? Parse(string? text)
        {
            var parts = text?.Split('.');
            return parts is [var u, var t, var id]
                && int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var urgency)
                && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks
                && Guid.TryParseExact(id, "N", out var guid)
                ? new Cursor(urgency, new DateTime(ticks, DateTimeKind.Utc), guid)
                : null;
        }
    }
}
