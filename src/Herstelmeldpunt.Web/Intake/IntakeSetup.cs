using System.Threading.RateLimiting;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>The intake room at start-up: its limits, the bot barrier, the one store of a new report, the public form's rate limit per client and its ceiling for all together (on the health page).</summary>
public static class IntakeSetup
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddSettings<IntakeOptions>(configuration, IntakeOptions.Section);
        services.AddSingleton<IntakeProtection>();
        services.AddSingleton<IntakeCeiling>();
        services.AddHealthChecks().AddCheck<IntakeCeilingHealthCheck>("intake-ceiling", tags: ["ready"]);
        services.AddScoped<ReportIntake>();
        services.AddScoped<PublicFormFiling>();
        services.AddSettings<IntakeDraftOptions>(configuration, IntakeDraftOptions.Section);
        services.AddScoped<IntakeDrafts>();
        services.AddScoped<IntakeDraftCleanup>();
        services.AddRateLimiter(o =>
            // Per client (an IPv4 address or an IPv6 /64): the socket's, or the one a configured proxy forwarded (UseForwardedHeaders).
            o.AddPolicy(IntakeOptions.RatePolicy, context => RateLimitPartition.GetSlidingWindowLimiter(
                ClientAddress.Partition(context),
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = options.RequestsPerAddress, Window = TimeSpan.FromMinutes(10), SegmentsPerWindow = 10 })));
        return services;
    }
}
