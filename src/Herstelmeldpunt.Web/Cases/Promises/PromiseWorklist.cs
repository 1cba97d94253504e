using Herstelmeldpunt.Web.Cases.Lists;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>A late promise not yet done, as the worklist shows it.</summary>
public sealed record LatePromise(Guid CaseId, string ReferenceNumber, PromiseKind Kind, DateOnly Due, string OwnerRole);

/// <summary>An open case whose person heard nothing from us for the silence term.</summary>
public sealed record SilentCase(Guid CaseId, string ReferenceNumber, string State, DateTime LastMessageAt);

/// <summary>A callback request not yet done.</summary>
public sealed record CallbackTask(Guid Id, Guid CaseId, string ReferenceNumber, string? Template, ContactTime PartOfDay, DateOnly DueOn, int Attempts);

/// <summary>
/// What the promise ledger puts on a worklist: late promises not done (for the owning role or member, and for every
/// manager), open cases that heard nothing for <see cref="PromiseOptions.SilenceDays"/> days (in the states on the
/// member's worklist; a manager sees every open state) and callback requests (customer contact and managers).
/// Each list is oldest first, at most a page.
/// </summary>
public static class PromiseWorklist
{
    /// <summary>
    /// The oldest late promises not done: a manager's of every owner role; a member's of their roles and their own. Each
    /// part is read in due order from its own partial index, (owner role, due, id) or (owner, due, id), and the parts are
    /// merged here (issue "budgets raised": one query with "role in mine or owner is me" could use no index and read every
    /// late promise, ~250,000 at a national scale; and with an index on the due date alone beside them the planner took
    /// that one for a role with no late promises and read all of them, 150–330 ms — so there is none).
    /// </summary>
    public static async Task<List<LatePromise>> LateAsync(AppDbContext db, IReadOnlySet<string> roles, string? me, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(roles);
        var late = db.Promises.Where(p => p.State == PromiseState.Late && p.FulfilledAt == null);
        async Task<List<(Guid Id, LatePromise Promise)>> FirstAsync(IQueryable<Promise> part)
        {
            var rows = await part.OrderBy(p => p.Due).ThenBy(p => p.Id).Take(take)
                .Join(db.Reports, p => p.CaseId, r => r.Id, (p, r) => new { p.Id, p.CaseId, r.ReferenceNumber, p.Kind, p.Due, p.OwnerRole })
                .ToListAsync(cancellationToken);
            return [.. rows.Select(x => (x.Id, new LatePromise(x.CaseId, x.ReferenceNumber, x.Kind, x.Due, x.OwnerRole)))];
        }

        var parts = new List<(Guid Id, LatePromise Promise)>();
        foreach (var role in roles.Contains(StaffRoles.Manager) ? PromiseCatalogue.OwnerRoles : roles.Where(PromiseCatalogue.OwnerRoles.Contains))
        {
            parts.AddRange(await FirstAsync(late.Where(p => p.OwnerRole == role)));
        }

        if (me is not null && !roles.Contains(StaffRoles.Manager))
        {
            parts.AddRange(await FirstAsync(late.Where(p => p.OwnerId == me)));
        }

        return [.. parts.DistinctBy(x => x.Id).OrderBy(x => x.Promise.Due).ThenBy(x => x.Id).Take(take).Select(x => x.Promise)];
    }

    /// <summary>
    /// The open cases silent since before <paramref name="silentSince"/> (UTC) in the member's states, longest silent first.
    /// A manager's walk every open clock in order (IX_Reports_LastMessageAt). A member's are read per state of theirs from
    /// (state copy, clock) — IX_Reports_Silence, the state kept on the report by <see cref="SilenceClock"/> — and merged
    /// here (issue "budgets raised": walking every silent clock until 50 were in the committee's states read ~24,000 at a
    /// national scale, 110–150 ms; per state 1 ms); the instance's own state is checked as well.
    /// </summary>
    public static async Task<List<SilentCase>> SilentAsync(AppDbContext db, WorkflowCatalog catalog, IReadOnlySet<string> roles, string? me, DateTime silentSince, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Contains(StaffRoles.Manager))
        {
            return await Silent(db, catalog, roles, me, silentSince).OrderBy(x => x.LastMessageAt).Take(take)
                .Select(x => new SilentCase(x.CaseId, x.ReferenceNumber, x.State, x.LastMessageAt)).ToListAsync(cancellationToken);
        }

        var final = catalog.FinalStates;
        var assigned = catalog.All.SelectMany(d => d.States).Where(s => s.Assigned).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var chair = roles.Contains(StaffRoles.CommitteeChair);
        var all = new List<SilentCase>();
        foreach (var state in CaseLists.WorklistStates(catalog, roles).Select(s => s.Name).Distinct().Where(s => !final.Contains(s)))
        {
            var onlyMine = !chair && assigned.Contains(state);
            var rows = await (from r in db.Reports
                              where r.CaseState == state && r.LastMessageAt < silentSince && r.AnonymisedAt == null
                              join i in db.WorkflowInstances on r.Id equals i.Id
                              where !onlyMine || i.AssigneeId == me
                              orderby r.LastMessageAt
                              select new SilentRow { CaseId = r.Id, ReferenceNumber = r.ReferenceNumber, State = i.State, LastMessageAt = r.LastMessageAt!.Value })
                .Take(take).ToListAsync(cancellationToken);

            // The instance's own state checked here, not in the query: there the planner took it for a condition apart from the
            // copy's, expected to read ten times as many rows and chose a parallel plan (7-8 ms instead of 1 ms per state).
            all.AddRange(rows.Where(x => x.State == state).Select(x => new SilentCase(x.CaseId, x.ReferenceNumber, x.State, x.LastMessageAt)));
        }

        return [.. all.OrderBy(x => x.LastMessageAt).ThenBy(x => x.CaseId).Take(take)];
    }

    /// <summary>Whether one case is on this member's silence list (the update action checks it again).</summary>
    public static Task<bool> IsSilentAsync(AppDbContext db, WorkflowCatalog catalog, IReadOnlySet<string> roles, string? me, DateTime silentSince, Guid caseId, CancellationToken cancellationToken) =>
        Silent(db, catalog, roles, me, silentSince).AnyAsync(x => x.CaseId == caseId, cancellationToken);

    private static IQueryable<SilentRow> Silent(AppDbContext db, WorkflowCatalog catalog, IReadOnlySet<string> roles, string? me, DateTime silentSince)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(roles);
        var final = catalog.FinalStates;
        var manager = roles.Contains(StaffRoles.Manager);
        var mine = CaseLists.WorklistStates(catalog, roles).Select(s => s.Name).Distinct().ToList();
        var assigned = catalog.All.SelectMany(d => d.States).Where(s => s.Assigned).Select(s => s.Name).Distinct().ToList();
        var chair = roles.Contains(StaffRoles.CommitteeChair);
        return from r in db.Reports
               where r.LastMessageAt < silentSince && r.AnonymisedAt == null
               join i in db.WorkflowInstances on r.Id equals i.Id
               where !final.Contains(i.State) && (manager || (mine.Contains(i.State) && (chair || !assigned.Contains(i.State) || i.AssigneeId == me)))
               select new SilentRow { CaseId = r.Id, ReferenceNumber = r.ReferenceNumber, State = i.State, LastMessageAt = r.LastMessageAt!.Value };
    }

    /// <summary>A row of the silence query that the database can still order and filter (a positional record cannot be).</summary>
    private sealed class SilentRow
    {
        public Guid CaseId { get; init; }

        public string ReferenceNumber { get; init; } = string.Empty;

        public string State { get; init; } = string.Empty;

        public DateTime LastMessageAt { get; init; }
    }

    public static Task<List<CallbackTask>> CallbacksAsync(AppDbContext db, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CallbackRequests.Where(c => c.DoneAt == null).OrderBy(c => c.DueOn).ThenBy(c => c.RequestedAt).Take(take)
            .Join(db.Reports, c => c.CaseId, r => r.Id, (c, r) => new CallbackTask(c.Id, c.CaseId, r.ReferenceNumber, c.Template, c.PartOfDay, c.DueOn, c.Attempts))
            .ToListAsync(cancellationToken);
    }
}
