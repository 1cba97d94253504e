using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// The most reports this node takes from the public form per minute (<see cref="IntakeOptions.ReportsPerMinute"/>),
/// whatever the addresses they come from: a flood from many addresses (a botnet, or one IPv6 network the per-address
/// limit does not see as one) cannot fill the database faster than staff can screen. A person over the ceiling keeps
/// everything typed and is asked to send again in a minute. The moment it was last reached is on the health page.
/// Per node: with N nodes behind the proxy the scheme takes N times this. Singleton.
/// </summary>
public sealed class IntakeCeiling(IntakeOptions options, TimeProvider clock)
{
    private readonly Lock gate = new();
    private long minute = long.MinValue;
    private int taken;

    /// <summary>UTC: when a report was last turned away for the ceiling.</summary>
    public DateTimeOffset? LastReachedAt { get; private set; }

    /// <summary>Reports turned away since the node started.</summary>
    public long TurnedAway { get; private set; }

    /// <summary>Takes one place in this minute, or says the minute is full.</summary>
    public bool TryEnter()
    {
        var now = clock.GetUtcNow();
        var thisMinute = now.UtcTicks / TimeSpan.TicksPerMinute;
        lock (gate)
        {
            if (thisMinute != minute)
            {
                minute = thisMinute;
                taken = 0;
            }

            if (taken < options.ReportsPerMinute)
            {
                taken++;
                return true;
            }

            LastReachedAt = now;
            TurnedAway++;
            return false;
        }
    }
}

/// <summary>Degraded (still serving) for an hour after the public form's ceiling turned a report away: a flood, or a real rush that needs another node.</summary>
public sealed class IntakeCeilingHealthCheck(IntakeCeiling ceiling, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ceiling.LastReachedAt is { } at && clock.GetUtcNow() - at < TimeSpan.FromHours(1)
            ? HealthCheckResult.Degraded($"The public form reached its ceiling of reports per minute at {at:u} ({ceiling.TurnedAway} turned away since start).")
            : HealthCheckResult.Healthy());
}
