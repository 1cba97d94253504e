using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>
/// The silence alarm's clock on the report (<see cref="Report.LastMessageAt"/>) runs only while the case is open: in
/// the save that brings a case to rest (closed, withdrawn, outside the target group, objection dismissed) it is
/// cleared, and a case that opens again (an objection) starts it at that step. So the silence list and its percentile
/// walk the open cases' clocks only (issue "budgets raised": at a national scale ~700,000 closed cases lay in front of
/// them in the index). Singleton; registered as a save interceptor by <see cref="CaseSetup"/>.
/// </summary>
public sealed class SilenceClock(WorkflowCatalog catalog) : SaveChangesInterceptor
{
    /// <summary>The stubs attached for a save, taken out again after it: nothing later in the unit of work may read a stub as the report.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<Report>> stubs = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            Apply(db);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is AppDbContext db)
        {
            Apply(db);
        }

        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Detach(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Detach(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Detach(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Detach(eventData.Context);
        return Task.CompletedTask;
    }

    private void Detach(DbContext? db)
    {
        if (db is not null && stubs.TryGetValue(db, out var attached))
        {
            foreach (var stub in attached)
            {
                db.Entry(stub).State = EntityState.Detached;
            }

            stubs.Remove(db);
        }
    }

    private void Apply(AppDbContext db)
    {
        var final = catalog.FinalStates;
        var steps = db.ChangeTracker.Entries<WorkflowJournalEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var step in steps.OrderBy(s => s.Sequence))
        {
            var toRest = final.Contains(step.ToState);
            var fromRest = step.FromState is { } from && final.Contains(from);
            if (toRest == fromRest || (step.FromState is null && !toRest))
            {
                continue; // no change between open and at rest (a new case's clock starts at its receipt, set by the intake)
            }

            var entry = db.ChangeTracker.Entries<Report>().FirstOrDefault(e => e.Entity.Id == step.InstanceId);
            if (entry is null)
            {
                // Not loaded in this unit of work: only the column is written (a stub with the key, nothing else read or changed).
                var stub = new Report { Id = step.InstanceId };
                entry = db.Attach(stub);
                stubs.GetOrCreateValue(db).Add(stub);
            }

            entry.Entity.LastMessageAt = toRest ? null : step.At;
            if (entry.State is EntityState.Unchanged or EntityState.Modified)
            {
                entry.Property(r => r.LastMessageAt).IsModified = true;
            }
        }
    }
}
