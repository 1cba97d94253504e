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
/// them in the index). In the same save it copies the case's workflow state onto the report (<see cref="Report.CaseState"/>)
/// whenever an instance is added or its state changes, so a member's silence list reads its states' clocks from one index
/// each. Singleton; registered as a save interceptor by <see cref="CaseSetup"/>.
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
        // The tracker's changes found once for the reads below (each Entries() would look again; every report filed
        // passes here). What this method changes it marks itself (Touch), and the save looks again after it.
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            Apply(db, tracker);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void Apply(AppDbContext db, Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
    {
        // The state's copy on the report: every instance added or whose state changed in this save.
        var changed = tracker.Entries<WorkflowInstance>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(nameof(WorkflowInstance.State)).IsModified))
            .Select(e => e.Entity).ToList();
        foreach (var instance in changed)
        {
            var entry = ReportEntry(db, instance.Id);
            if (entry.Entity.CaseState != instance.State)
            {
                entry.Entity.CaseState = instance.State;
                Touch(entry, nameof(Report.CaseState));
            }
        }

        var final = catalog.FinalStates;
        var steps = tracker.Entries<WorkflowJournalEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var step in steps.OrderBy(s => s.Sequence))
        {
            var toRest = final.Contains(step.ToState);
            var fromRest = step.FromState is { } from && final.Contains(from);
            if (toRest == fromRest || (step.FromState is null && !toRest))
            {
                continue; // no change between open and at rest (a new case's clock starts at its receipt, set by the intake)
            }

            var entry = ReportEntry(db, step.InstanceId);
            entry.Entity.LastMessageAt = toRest ? null : step.At;
            Touch(entry, nameof(Report.LastMessageAt));
        }
    }

    /// <summary>The report in this unit of work, or, when it is not loaded, a stub with only its key (nothing else read or written).</summary>
    private Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Report> ReportEntry(AppDbContext db, Guid id)
    {
        if (db.ChangeTracker.Entries<Report>().FirstOrDefault(e => e.Entity.Id == id) is { } tracked)
        {
            return tracked;
        }

        var stub = new Report { Id = id };
        stubs.GetOrCreateValue(db).Add(stub);
        return db.Attach(stub);
    }

    private static void Touch(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Report> entry, string property)
    {
        if (entry.State is EntityState.Unchanged or EntityState.Modified)
        {
            entry.Property(property).IsModified = true; // by name: no expression tree built for every save
        }
    }
}
