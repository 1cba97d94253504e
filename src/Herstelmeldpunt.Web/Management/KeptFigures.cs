using System.Text.Json;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Management;

/// <summary>
/// One set of figures computed behind the pages and kept in the database (issue "budgets raised": no first visitor
/// waits): its name, when it was computed (UTC) and the figures as JSON. One row per name, overwritten.
/// </summary>
public sealed class StoredFigures
{
    public string Name { get; set; } = string.Empty;

    public DateTime ComputedAt { get; set; }

    public string Json { get; set; } = string.Empty;
}

/// <summary>Configuration section "Figures": how the figures behind the pages are kept (<see cref="KeptFigures{T}"/>).</summary>
public sealed class FiguresOptions
{
    public const string Section = "Figures";

    /// <summary>
    /// Compute the management figures (dashboard, most-urgent list, register overview) on every view, straight from
    /// the database (tests). Off by default: at a national scale one computation reads hundreds of thousands of rows
    /// (seconds), so the pages show the figures the job <c>figures</c> stored (at most five minutes old; they say when).
    /// </summary>
    public bool ComputeOnEveryView { get; set; }

    /// <summary>How old stored management figures may be before a node computes new ones itself (the job stores them every five minutes).</summary>
    public int RefreshMinutes { get; set; } = 10;

    /// <summary>
    /// A set stored less than this many minutes ago is not computed again by the job <c>figures</c> (a run of a node
    /// that stopped, re-run by the next one; a run that waited behind a slow one). Below the job's five minutes.
    /// </summary>
    public int FreshMinutes { get; set; } = 2;
}

/// <summary>A set of kept figures as the job and the start-up see it (<see cref="KeptFigures{T}"/>).</summary>
public interface IKeptFigures
{
    string Name { get; }

    int Order { get; }

    Task ComputeAndStoreAsync(CancellationToken cancellationToken);

    /// <summary>Reads the stored set, if any, into the node's memory (after the node listens: the first view finds it there). Computes nothing.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    /// <summary>Computes and stores the set when none is stored (the deploy step <c>migrate</c>: no first visitor waits after an upgrade). True when it did.</summary>
    Task<bool> StoreIfMissingAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Figures that take seconds at a national scale (the estimates' statistics, the public progress figures, the
/// dashboard's days): computed by the recurring job <c>figures</c> (<see cref="FiguresJob"/>) and kept in
/// <see cref="StoredFigures"/>, so that no view computes them and every node serves the same ones. A node keeps the
/// stored set in memory and looks for a newer one every <see cref="CheckEvery"/> (on the injected clock) behind the
/// view that noticed. Only when nothing was ever stored (a new installation) does a view compute them itself; when the
/// stored set is older than its refresh time (the job did not run) the node computes a new one behind the views.
/// Singleton per kind of figures.
/// </summary>
public sealed class KeptFigures<T>(
    string name,
    int order,
    TimeSpan refreshAfter,
    Func<IServiceProvider, DateTime, CancellationToken, Task<T>> compute,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger logger) : IKeptFigures
    where T : class
{
    /// <summary>How often a node looks whether a newer set was stored (a read of one row's time).</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock gate = new();
    private (T Figures, DateTime ComputedAt)? current;
    private DateTime checkedAt;
    private Task<(T, DateTime)>? loading;
    private Task? computing;

    public string Name => name;

    /// <summary>Where the job computes this set among the others (lower first: sets made from another set come after it).</summary>
    public int Order => order;

    /// <summary>How old a stored set may be before a node computes a new one itself.</summary>
    public TimeSpan RefreshAfter => refreshAfter;

    /// <summary>The figures this node has; the first call after a start reads them from the database.</summary>
    public async Task<(T Figures, DateTime ComputedAt)> CurrentAsync(CancellationToken cancellationToken)
    {
        Task<(T, DateTime)> waitFor;
        lock (gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (current is { } kept)
            {
                if (loading is null && now - checkedAt >= CheckEvery)
                {
                    checkedAt = now;
                    loading = Task.Run(() => RefreshAsync(kept.ComputedAt));
                    _ = loading.ContinueWith(LogFailure, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                return kept;
            }

            checkedAt = now;
            waitFor = loading ??= Task.Run(() => RefreshAsync(null));
        }

        return await waitFor.WaitAsync(cancellationToken);
    }

    async Task IKeptFigures.ComputeAndStoreAsync(CancellationToken cancellationToken) => await ComputeAndStoreAsync(cancellationToken);

    async Task IKeptFigures.WarmUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ReadStoredAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), current?.ComputedAt, cancellationToken);
    }

    async Task<bool> IKeptFigures.StoreIfMissingAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<StoredFigures>().AnyAsync(f => f.Name == name, cancellationToken))
            {
                return false;
            }
        }

        await ComputeAndStoreAsync(cancellationToken);
        return true;
    }

    /// <summary>Computes the figures now and stores them (the job; a new installation's first view).</summary>
    public async Task<(T Figures, DateTime ComputedAt)> ComputeAndStoreAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var at = clock.GetUtcNow().UtcDateTime;
        var figures = await compute(scope.ServiceProvider, at, cancellationToken);
        var json = JsonSerializer.Serialize(figures, Json);
        var updated = await db.Set<StoredFigures>().Where(f => f.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ComputedAt, at).SetProperty(f => f.Json, json), cancellationToken);
        if (updated == 0)
        {
            db.Set<StoredFigures>().Add(new StoredFigures { Name = name, ComputedAt = at, Json = json });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node stored its first set at the same moment: the figures are the same; this node keeps its own.
            }
        }

        Keep(figures, at);
        return (figures, at);
    }

    private async Task<(T, DateTime)> RefreshAsync(DateTime? have)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (result, storedAt) = await ReadStoredAsync(db, have, CancellationToken.None);
            var newest = storedAt is { } s && (have is null || s > have) ? s : have;
            if (newest is null)
            {
                // Nothing was ever stored (a new installation): the only time a view waits for the computation.
                return await ComputeAndStoreAsync(CancellationToken.None);
            }

            if (clock.GetUtcNow().UtcDateTime - newest >= refreshAfter)
            {
                // The job has not stored a new set in time: computed by this node, behind the views, which get the set it has.
                lock (gate)
                {
                    if (computing is null)
                    {
                        computing = Task.Run(async () =>
                        {
                            try
                            {
                                await ComputeAndStoreAsync(CancellationToken.None);
                            }
                            finally
                            {
                                lock (gate)
                                {
                                    computing = null;
                                }
                            }
                        });
                        _ = computing.ContinueWith(LogFailure, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }
            }

            return result ?? current!.Value;
        }
        finally
        {
            lock (gate)
            {
                loading = null;
            }
        }
    }

    /// <summary>The stored set when it is newer than <paramref name="have"/> (then kept), and when the stored one was computed.</summary>
    private async Task<((T, DateTime)? Read, DateTime? StoredAt)> ReadStoredAsync(AppDbContext db, DateTime? have, CancellationToken cancellationToken)
    {
        var storedAt = await db.Set<StoredFigures>().Where(f => f.Name == name).Select(f => (DateTime?)f.ComputedAt).SingleOrDefaultAsync(cancellationToken);
        if (storedAt is not { } at || (have is { } known && at <= known))
        {
            return (null, storedAt);
        }

        var json = await db.Set<StoredFigures>().Where(f => f.Name == name).Select(f => f.Json).SingleAsync(cancellationToken);
        var figures = JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"The stored figures '{name}' are empty.");
        return (Keep(figures, at), storedAt);
    }

    private (T, DateTime) Keep(T figures, DateTime at)
    {
        lock (gate)
        {
            if (current is not { } kept || kept.ComputedAt <= at)
            {
                current = (figures, at);
            }

            return current!.Value;
        }
    }

    private void LogFailure(Task task) => KeptFiguresLog.RefreshFailed(logger, name, task.Exception!);
}

/// <summary>Makes kept sets (<see cref="KeptFigures{T}"/>) for the registrations.</summary>
public static class KeptFigures
{
    /// <summary>A kept set with the node's scopes, clock and log (what each kind's registration needs besides its own name, order, age and computation).</summary>
    public static KeptFigures<T> For<T>(IServiceProvider services, string name, int order, TimeSpan refreshAfter, Func<IServiceProvider, DateTime, CancellationToken, Task<T>> compute)
        where T : class =>
        new(name, order, refreshAfter, compute, services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Herstelmeldpunt.Web.Management.KeptFigures"));
}

internal static partial class KeptFiguresLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading or computing the figures '{Name}' in the background failed; the ones the node has stay in use")]
    public static partial void RefreshFailed(ILogger logger, string name, Exception exception);
}
