using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Management;

/// <summary>Management and the privacy tools at start-up: the dashboard and its refresher, a person's file, and the retention periods (refused below the floor: a mistyped period must not wipe cases).</summary>
public static class ManagementSetup
{
    public static IServiceCollection AddManagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSettings<DashboardOptions>(configuration, DashboardOptions.Section);
        services.AddScoped<Dashboard>();
        services.AddSingleton<DashboardRefresher>();
        services.AddSettings<PublicProgressOptions>(configuration, PublicProgressOptions.Section);
        services.AddScoped<PublicProgress>();
        services.AddSettings<ParliamentReportOptions>(configuration, ParliamentReportOptions.Section);
        services.AddScoped<ParliamentReports>();
        services.AddScoped<PersonFile>();
        services.AddSingleton(configuration.Read<RetentionOptions>(RetentionOptions.Section).Checked());
        return services;
    }
}
