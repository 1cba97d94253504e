using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>
/// Work a node does not make its start wait for (issue "national scale": a start that does not wait on work it can
/// do later): the data-protection key ring and the EF model are loaded right after the node listens, in the
/// background, instead of before it, the rights of the database login are checked (<see cref="StartupChecks.LogRightsAsync"/>), and then the figures the job <c>figures</c> stored (<see cref="Management.KeptFigures{T}"/>). ASP.NET Core's own hosted service that loads the key ring before listening is
/// taken out (<see cref="DeferKeyRingLoading"/>); the first request that needs the key ring before this is done
/// loads it itself, as it would have anyway.
/// </summary>
public sealed partial class StartupWarmUp(IHostApplicationLifetime lifetime, IServiceScopeFactory scopes, IDataProtectionProvider protection, IEnumerable<Management.IKeptFigures> figures, ILogger<StartupWarmUp> logger) : IHostedService
{
    /// <summary>Removes the data-protection hosted service (it reads the key ring from the database before the node listens) and adds this one.</summary>
    public static IServiceCollection DeferKeyRingLoading(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loadingBeforeStart = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList();
        foreach (var descriptor in loadingBeforeStart)
        {
            services.Remove(descriptor);
        }

        return services.AddHostedService<StartupWarmUp>();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(WarmUpAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmUpAsync()
    {
        try
        {
            // The EF model and the first connection: the rights of the login first (a key ring that cannot be read must not hide that warning), then the key ring.
            await using var scope = scopes.CreateAsyncScope();
            await StartupChecks.LogRightsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), logger, CancellationToken.None);
            protection.CreateProtector("Herstelmeldpunt.StartupWarmUp").Protect([1]);
            foreach (var kept in figures)
            {
                await kept.WarmUpAsync(CancellationToken.None); // the stored figures into memory: the first view of Mijn melding or the progress page reads none
            }
        }
#pragma warning disable CA1031 // a warm-up that fails is only logged: the requests that need these load them and report
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogWarmUpFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the key ring after start-up failed; the first request that needs it tries again")]
    private partial void LogWarmUpFailed(Exception exception);
}
