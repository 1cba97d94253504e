using System.Diagnostics;
using Hangfire;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Management;

/// <summary>
/// The recurring job <c>figures</c> (every five minutes, <see cref="Scheduling.BackgroundJobOptions.FiguresCron"/>):
/// computes every set of <see cref="KeptFigures{T}"/> and stores it, so that no page computes them on a view (issue
/// "budgets raised"). The estimates' figures first: the public progress page's expected lead time is made from them.
/// A set stored less than <see cref="FiguresOptions.FreshMinutes"/> ago is left as it is: a run that comes right after
/// another (the run of a node that stopped, handed to the next node that starts; a second run waiting behind a slow
/// one) would compute the same figures again — at a national scale half a minute of both cores, just as a starting
/// node meets its first visitors.
/// </summary>
public sealed partial class FiguresJob(IEnumerable<IKeptFigures> kept, AppDbContext db, TimeProvider clock, FiguresOptions options, ILogger<FiguresJob> logger)
{
    [AutomaticRetry(Attempts = 0)] // the next run is five minutes away; a failed run leaves the stored figures as they were
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var storedAt = await db.Set<StoredFigures>().AsNoTracking().Select(f => new { f.Name, f.ComputedAt }).ToDictionaryAsync(f => f.Name, f => f.ComputedAt, cancellationToken);
        var freshFor = TimeSpan.FromMinutes(options.FreshMinutes);
        foreach (var figures in kept.OrderBy(k => k.Order))
        {
            var age = clock.GetUtcNow().UtcDateTime - (storedAt.TryGetValue(figures.Name, out var at) ? at : DateTime.MinValue);
            if (age < freshFor)
            {
                LogFresh(figures.Name, (int)age.TotalSeconds);
                continue;
            }

            var watch = Stopwatch.StartNew();
            await figures.ComputeAndStoreAsync(cancellationToken);
            LogComputed(figures.Name, watch.ElapsedMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Computed and stored the figures '{Name}' in {Milliseconds} ms")]
    private partial void LogComputed(string name, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Left the figures '{Name}' as stored {Seconds} s ago (fresh)")]
    private partial void LogFresh(string name, int seconds);
}
