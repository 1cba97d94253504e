using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// A unit of work whose statements only find rows by key, hash or address may keep PostgreSQL's cached plans
/// (ADR 0021): the app's connections plan every execution for its values (<c>plan_cache_mode=force_custom_plan</c>),
/// which a list needs and an intake does not — a plan for one key is the plan for every key, and planning the send's
/// statements again for every report was the largest part of the database's work per report at 1M. Opens a
/// transaction and allows cached plans inside it only (<c>SET LOCAL</c>: gone at commit or rollback, nothing stays
/// on the pooled connection). On SQLite there is nothing to allow and no transaction is opened (a read that becomes a
/// write inside one could not wait for another writer).
/// </summary>
public static class KeyedLookupPlans
{
    /// <summary>
    /// Opens the transaction (PostgreSQL only, and only when the caller has none open: a caller's transaction, such as
    /// a partner's batch, stays the caller's and plans as always). Returns whether it opened one; the caller then
    /// commits it, and always calls <see cref="EndAsync"/> with this answer.
    /// </summary>
    public static async Task<bool> BeginAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null)
        {
            return false;
        }

        db.Database.AutoSavepointsEnabled = false; // a failed save ends the whole transaction; the caller starts again
        await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = auto", cancellationToken);
        return true;
    }

    /// <summary>Ends what <see cref="BeginAsync"/> opened: rolls back a transaction that was not committed, and leaves the context as it was.</summary>
    public static async Task EndAsync(AppDbContext db, bool opened)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!opened)
        {
            return;
        }

        if (db.Database.CurrentTransaction is { } transaction)
        {
            await transaction.DisposeAsync();
        }

        db.Database.AutoSavepointsEnabled = true;
    }
}
