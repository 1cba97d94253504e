using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>
/// Keeps the promise ledger in the caller's unit of work: a row when a message names a date we must meet
/// (<see cref="PromiseCatalogue"/>), kept when the step that fulfils it happens, withdrawn when the person cancels.
/// A newer date for the same thing replaces the older one. Scoped.
/// </summary>
public sealed class PromiseLedger(AppDbContext db, TimeProvider clock, WorkingDayCalendar calendar)
{
    /// <summary>The row a message's template makes, or null when it makes none.</summary>
    /// <exception cref="InvalidOperationException">The template names a date we must meet and the caller gave none (a defect the tests find).</exception>
    public Promise? Record(Guid caseId, string template, Promised? promised)
    {
        if (PromiseCatalogue.RuleFor(template, promised) is not { } rule)
        {
            return promised is null ? null : throw new InvalidOperationException($"The message '{template}' makes no promise, yet a date was given.");
        }

        var now = clock.GetUtcNow();
        var due = promised?.Due
            ?? (rule.Kind == PromiseKind.Receipt ? calendar.AddWorkingDays(AmsterdamTime.Today(clock), 1) : throw new InvalidOperationException($"The message '{template}' promises a date; the caller must give it."));
        var promise = new Promise
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            Kind = rule.Kind,
            Due = due,
            Template = template,
            OwnerRole = rule.OwnerRole,
            OwnerId = promised?.OwnerId,
            State = PromiseState.Open,
            CreatedAt = now.UtcDateTime,
            FollowsId = promised?.Follows,
        };
        db.Promises.Add(promise);
        return promise;
    }

    /// <summary>
    /// The step that fulfils promises of these kinds happened: the newest open one is kept (or late, if its day passed
    /// before the watch saw it), older open ones were replaced by it, and late ones are done.
    /// </summary>
    public static async Task KeepAsync(AppDbContext db, Guid caseId, IReadOnlyCollection<PromiseKind> kinds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = AmsterdamTime.DateOf(now.UtcDateTime);
        var rows = await UnsettledAsync(db, caseId, kinds, cancellationToken);
        foreach (var kind in rows.GroupBy(p => p.Kind))
        {
            var open = kind.Where(p => p.State == PromiseState.Open).OrderByDescending(p => p.CreatedAt).ToList();
            foreach (var (promise, index) in open.Select((p, i) => (p, i)))
            {
                promise.State = index > 0 ? PromiseState.Replaced : promise.Due >= today ? PromiseState.Kept : PromiseState.Late;
                promise.SettledAt = now.UtcDateTime;
                promise.FulfilledAt = index > 0 ? null : now.UtcDateTime;
            }

            foreach (var late in kind.Where(p => p.State == PromiseState.Late && p.FulfilledAt is null))
            {
                late.FulfilledAt = now.UtcDateTime;
            }
        }
    }

    /// <summary>
    /// Receipts delivered (an email sent, a letter printed) for these cases: set-based, as the sender and the print batch
    /// work; kept when on time, else done late.
    /// </summary>
    public static async Task KeepReceiptsAsync(AppDbContext db, IQueryable<Guid> caseIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = AmsterdamTime.DateOf(now.UtcDateTime);
        var at = now.UtcDateTime;
        // One statement for both (every SET reads the row as it was): an open promise is settled, kept or late by its due
        // date; one that had already turned late keeps its state and gets only the date it was done.
        await db.Promises.Where(p => caseIds.Contains(p.CaseId) && p.Kind == PromiseKind.Receipt && (p.State == PromiseState.Open || (p.State == PromiseState.Late && p.FulfilledAt == null)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, p => p.State == PromiseState.Open ? (p.Due >= today ? PromiseState.Kept : PromiseState.Late) : p.State)
                .SetProperty(p => p.SettledAt, p => p.State == PromiseState.Open ? (DateTime?)at : p.SettledAt)
                .SetProperty(p => p.FulfilledAt, at), cancellationToken);
    }

    /// <summary>The person cancelled (a booked conversation): the open promise is no longer owed.</summary>
    public static async Task WithdrawAsync(AppDbContext db, Guid caseId, PromiseKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var promise in await db.Promises.Where(p => p.CaseId == caseId && p.Kind == kind && p.State == PromiseState.Open).ToListAsync(cancellationToken))
        {
            promise.State = PromiseState.Replaced;
            promise.SettledAt = now.UtcDateTime;
        }
    }

    /// <summary>A case's open and late-not-done promises (a handful), narrowed to the kinds here.</summary>
    private static async Task<List<Promise>> UnsettledAsync(AppDbContext db, Guid caseId, IReadOnlyCollection<PromiseKind> kinds, CancellationToken cancellationToken) =>
        [.. (await db.Promises.Where(p => p.CaseId == caseId && (p.State == PromiseState.Open || (p.State == PromiseState.Late && p.FulfilledAt == null))).ToListAsync(cancellationToken))
            .Where(p => kinds.Contains(p.Kind))];

    /// <summary>A case's promises as Mijn melding lists them: newest first.</summary>
    public static Task<List<Promise>> OfCaseAsync(AppDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Promises.AsNoTracking().Where(p => p.CaseId == caseId).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
    }
}
