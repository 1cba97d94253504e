using Hangfire;

namespace Herstelmeldpunt.Web.Management;

/// <summary>
/// The recurring job <c>figures</c> (every five minutes, <see cref="Scheduling.BackgroundJobOptions.FiguresCron"/>):
/// computes every set of <see cref="KeptFigures{T}"/> and stores it, so that no page computes them on a view (issue
/// "budgets raised"). The estimates' figures first: the public progress page's expected lead time is made from them.
/// </summary>
public sealed class FiguresJob(IEnumerable<IKeptFigures> kept)
{
    [AutomaticRetry(Attempts = 0)] // the next run is five minutes away; a failed run leaves the stored figures as they were
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var figures in kept.OrderBy(k => k.Order))
        {
            await figures.ComputeAndStoreAsync(cancellationToken);
        }
    }
}
