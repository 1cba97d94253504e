using System.Threading.RateLimiting;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>The intake room at start-up: its limits, the bot barrier, the one store of a new report, and the public form's rate limit per client address.</summary>
public static class IntakeSetup
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddSettings<IntakeOptions>(configuration, IntakeOptions.Section);
        services.AddSingleton<IntakeProtection>();
        services.AddScoped<ReportIntake>();
        services.AddRateLimiter(o =>
            // Per client address: the socket's, or the one a configured proxy forwarded (UseForwardedHeaders).
            o.AddPolicy(IntakeOptions.RatePolicy, context => RateLimitPartition.GetSlidingWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = options.RequestsPerAddress, Window = TimeSpan.FromMinutes(10), SegmentsPerWindow = 10 })));
        return services;
    }
}
