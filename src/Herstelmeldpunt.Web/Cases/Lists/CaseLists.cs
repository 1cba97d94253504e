using System.Globalization;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Lists;

/// <summary>A report with its case (member initialisation: EF can translate what is read from it later).</summary>
public sealed class QueueEntry
{
    public required Report R { get; init; }

    public required WorkflowInstance I { get; init; }
}

/// <summary>One row of a case list: what the case list and the worklists show.</summary>
public sealed record QueueRow(Guid Id, string ReferenceNumber, string FullName, DateTime ReceivedAt, UrgencyLevel Urgency, ReportSource Source, IntakeChannel? Channel,
    string State, string DefinitionId, int DefinitionVersion, string? Assignee, DateOnly? DecisionDue, bool Duplicate, DateTime? NextDeadline, bool Overdue);

/// <summary>
/// The lists of cases (the case list and every worklist): the filters, and paging by position in the
/// order most urgent first, then oldest, then id (index <c>IX_Reports_Queue</c>) — never by counting or
/// skipping rows. A case is overdue when a deadline of its current step has escalated to the managers.
/// </summary>
public static class CaseLists
{
    private const string Escalate = CaseVocabulary.Actions.EscalateToManager;

    public static IQueryable<QueueEntry> Entries(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from r in db.Reports
               join i in db.WorkflowInstances on r.Id equals i.Id
               select new QueueEntry { R = r, I = i };
    }

    /// <summary>
    /// A worklist, as one or two parts that a page merges (<see cref="PageAsync"/>): cases in states whose
    /// definition lists one of the roles; in assigned states (the committee) only the cases assigned to this
    /// person, unless they chair; for managers also, as a second part, every case whose current step has
    /// escalated. Two parts instead of a UNION: each is read in the list's order and only a page of each is
    /// read (a UNION of 1M cases had to be built whole before it could be ordered: 2 s).
    /// </summary>
    public static IReadOnlyList<IQueryable<QueueEntry>> Worklist(AppDbContext db, Herstelmeldpunt.Workflow.Definitions.WorkflowCatalog catalog, IReadOnlySet<string> roles, string? userId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(roles);
        var mine = WorklistStates(catalog, roles).Select(s => s.Name).Distinct().ToList();
        var assigned = catalog.All.SelectMany(d => d.States).Where(s => s.Assigned).Select(s => s.Name).Distinct().ToList();
        var chair = roles.Contains(Staff.StaffRoles.CommitteeChair);
        var entries = Entries(db);
        var scope = entries.Where(x => mine.Contains(x.I.State) && (chair || !assigned.Contains(x.I.State) || x.I.AssigneeId == userId));
        return roles.Contains(Staff.StaffRoles.Manager) ? [scope, Overdue(db, entries)] : [scope];
    }

    /// <summary>The states, of every version, whose definition puts them on the worklist of one of these roles.</summary>
    public static IEnumerable<Herstelmeldpunt.Workflow.Definitions.StateDefinition> WorklistStates(Herstelmeldpunt.Workflow.Definitions.WorkflowCatalog catalog, IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.All.SelectMany(d => d.States).Where(s => s.Worklist.Any(roles.Contains));
    }

    /// <summary>The cases whose current step has escalated (the fired escalation timer of that step).</summary>
    public static IQueryable<QueueEntry> Overdue(AppDbContext db, IQueryable<QueueEntry> query) =>
        query.Where(x => db.WorkflowTimers.Any(t => t.InstanceId == x.I.Id && t.State == x.I.State && t.FiresAction == Escalate && t.FiredAt != null && t.CancelledAt == null));

    /// <summary>
    /// Applies the filter; <paramref name="onPersonSearch"/> is called with the access-log action when the
    /// search names a person (a BSN or part of a name), so the page logs whose cases were found.
    /// </summary>
    public static IQueryable<QueueEntry> Filter(AppDbContext db, IQueryable<QueueEntry> query, CaseFilter filter, string? me, Action<string> onPersonSearch)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(onPersonSearch);
        if (filter.State is { } state)
        {
            query = query.Where(x => x.I.State == state);
        }

        if (filter.Urgency is { } urgency)
        {
            query = query.Where(x => x.R.Urgency == urgency);
        }

        if (filter.Source is { } source)
        {
            query = query.Where(x => x.R.Source == source);
        }

        query = filter.Assignee switch
        {
            null => query,
            "mij" => query.Where(x => x.I.AssigneeId == me),
            "niemand" => query.Where(x => x.I.AssigneeId == null),
            var someone => query.Where(x => x.I.AssigneeId == someone),
        };
        if (filter.From is { } from)
        {
            var start = Common.AmsterdamTime.StartOfDayUtc(from);
            query = query.Where(x => x.R.ReceivedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = Common.AmsterdamTime.StartOfDayUtc(to.AddDays(1));
            query = query.Where(x => x.R.ReceivedAt < end);
        }

        if (filter.OverdueOnly)
        {
            query = Overdue(db, query);
        }

        if (filter.SearchText is { } search)
        {
            // Nine digits that pass the eleven-check are a BSN, even when they also happen to read as a
            // reference number without its "HM" (one in about thirty do); with "HM" it is a reference.
            var bsnSearch = Bsn.IsValid(search) && !search.StartsWith("HM", StringComparison.OrdinalIgnoreCase);
            if (!bsnSearch && ReferenceNumber.Parse(search) is { } reference)
            {
                query = query.Where(x => x.R.ReferenceNumber == reference);
            }
            else if (bsnSearch)
            {
                var bsnHash = db.Cipher.BsnHash(Bsn.Normalize(search));
                query = query.Where(x => x.R.BsnHash == bsnHash);
                onPersonSearch(Audit.AccessActions.FoundByBsn);
            }
            else
            {
                // Whole words of the name, in any order, case and accents: names are encrypted, so each
                // word is matched by its keyed hash in the name index (LIKE, served on PostgreSQL by the
                // trigram index on it). A part of a word finds nothing.
                onPersonSearch(Audit.AccessActions.FoundByName);
                foreach (var word in Data.FieldCipher.NameWords(search).Distinct(StringComparer.Ordinal))
                {
                    var pattern = "% " + db.Cipher.NameWordHash(word) + " %";
                    query = query.Where(x => EF.Functions.Like(x.R.NameIndex, pattern));
                }
            }
        }

        return query;
    }

    /// <summary>One page after the position <paramref name="after"/> (null: the first page), and the position of the next page if there is one.</summary>
    public static Task<(IReadOnlyList<QueueRow> Rows, string? Next)> PageAsync(AppDbContext db, IQueryable<QueueEntry> query, string? after, int pageSize, CancellationToken cancellationToken) =>
        PageAsync(db, [query], after, pageSize, cancellationToken);

    /// <summary>
    /// One page of the union of <paramref name="parts"/>: a page of each, read in the list's order, merged
    /// in that order, each case once. The order of ids is the order of their text, the same in PostgreSQL
    /// (uuid) and SQLite (text), so the merge agrees with the database.
    /// </summary>
    public static async Task<(IReadOnlyList<QueueRow> Rows, string? Next)> PageAsync(AppDbContext db, IReadOnlyList<IQueryable<QueueEntry>> parts, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var position = Position.Parse(after);
        var rows = new List<QueueRow>();
        foreach (var part in parts)
        {
            rows.AddRange(await PartAsync(db, part, position, pageSize + 1, cancellationToken));
        }

        var merged = rows.DistinctBy(r => r.Id)
            .OrderByDescending(r => r.Urgency).ThenBy(r => r.ReceivedAt).ThenBy(r => r.Id.ToString(), StringComparer.Ordinal)
            .ToList();
        var shown = merged.Take(pageSize).ToList();
        var next = merged.Count > pageSize ? new Position((int)shown[^1].Urgency, shown[^1].ReceivedAt, shown[^1].Id).ToString() : null;
        return (shown, next);
    }

    private static async Task<List<QueueRow>> PartAsync(AppDbContext db, IQueryable<QueueEntry> query, Position? position, int take, CancellationToken cancellationToken)
    {
        // Keyset: the rest of the same urgency after the position, then the lower urgencies from their
        // start. Two range scans of IX_Reports_Queue; one OR over both would make PostgreSQL walk the index.
        var first = position is null ? query : query.Where(x => (int)x.R.Urgency == position.Urgency && x.R.ReceivedAt >= position.ReceivedAt
            && (x.R.ReceivedAt > position.ReceivedAt || x.R.Id.CompareTo(position.Id) > 0));
        var rows = await ReadAsync(db, first, take, cancellationToken);
        if (position is not null && rows.Count < take)
        {
            rows.AddRange(await ReadAsync(db, query.Where(x => (int)x.R.Urgency < position.Urgency), take - rows.Count, cancellationToken));
        }

        return rows;
    }

    /// <summary>
    /// The page's ids first, in the list's order (a walk of the queue index and nothing else), then what each row shows
    /// for those ids only. In one query PostgreSQL planned the per-row look-ups (deadline, overdue) for the whole list.
    /// </summary>
    private static Task<List<QueueRow>> ReadAsync(AppDbContext db, IQueryable<QueueEntry> query, int take, CancellationToken cancellationToken)
    {
        var ids = query.OrderByDescending(x => x.R.Urgency).ThenBy(x => x.R.ReceivedAt).ThenBy(x => x.R.Id).Select(x => x.R.Id).Take(take);
        return Project(db, Entries(db).Where(x => ids.Contains(x.R.Id))).ToListAsync(cancellationToken);
    }

    /// <summary>In the list's order, projected to what a row shows.</summary>
    private static IQueryable<QueueRow> Project(AppDbContext db, IQueryable<QueueEntry> query) => query
        .OrderByDescending(x => x.R.Urgency).ThenBy(x => x.R.ReceivedAt).ThenBy(x => x.R.Id)
        .Select(x => new QueueRow(
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
            x.R.DuplicateOfReportId != null,
            db.WorkflowTimers.Where(t => t.InstanceId == x.I.Id && t.FiredAt == null && t.CancelledAt == null).Min(t => (DateTime?)t.DueAt),
            db.WorkflowTimers.Any(t => t.InstanceId == x.I.Id && t.State == x.I.State && t.FiresAction == Escalate && t.FiredAt != null && t.CancelledAt == null)));

    /// <summary>A position in the list's order: urgency (descending), receipt time, id.</summary>
    private sealed record Position(int Urgency, DateTime ReceivedAt, Guid Id)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Urgency}.{ReceivedAt.Ticks}.{Id:N}");

        public static Position? Parse(string? text)
        {
            var parts = text?.Split('.');
            return parts is [var u, var t, var id]
                && int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var urgency)
                && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks
                && Guid.TryParseExact(id, "N", out var guid)
                ? new Position(urgency, new DateTime(ticks, DateTimeKind.Utc), guid)
                : null;
        }
    }
}

/// <summary>What the filter partial of a case list or worklist shows (Pages/Shared/_CaseFilters).</summary>
/// <param name="SaveError">The message key when saving the filter failed (from the address, after the redirect).</param>
public sealed record CaseFiltersView(
    CaseFilter Filter,
    string Path,
    IReadOnlyList<(string Name, string Label)> States,
    IReadOnlyList<(string Id, string Name)> Colleagues,
    IReadOnlyList<SavedFilter> Saved,
    string? SaveError);
