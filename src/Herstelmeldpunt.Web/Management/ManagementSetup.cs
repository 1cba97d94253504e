using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Management;

/// <summary>Management and the privacy tools at start-up: the dashboard and its refresher, a person's file, and the retention periods (refused below the floor: a mistyped period must not wipe cases).</summary>
public static class ManagementSetup
{
    public static IServiceCollection AddManagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<FiguresOptions>(configuration, FiguresOptions.Section);
        services.AddScoped<Dashboard>();
        services.AddSingleton(Dashboard.KeepDays);
        services.AddSingleton(Dashboard.KeepNow);
        services.AddSingleton<IKeptFigures>(s => s.GetRequiredService<KeptFigures<DashboardDays>>());
        services.AddSingleton<IKeptFigures>(s => s.GetRequiredService<KeptFigures<DashboardNow>>());
        services.AddSettings<PublicProgressOptions>(configuration, PublicProgressOptions.Section);
        services.AddScoped<PublicProgress>();
        services.AddSingleton(PublicProgress.Keep);
        services.AddSingleton<IKeptFigures>(s => s.GetRequiredService<KeptFigures<PublicProgressFigures>>());
        services.AddSingleton<IKeptFigures>(s => s.GetRequiredService<Cases.Terms.ProgressSnapshots>().Kept);
        services.AddSingleton(TargetGroup.RegisterCounts.Keep);
        services.AddSingleton<IKeptFigures>(s => s.GetRequiredService<KeptFigures<TargetGroup.RegisterCounts>>());
        services.AddScoped<FiguresJob>();
        services.AddSettings<ParliamentReportOptions>(configuration, ParliamentReportOptions.Section);
        services.AddScoped<ParliamentReports>();
        services.AddScoped<PersonFile>();
        services.AddSingleton(configuration.Read<RetentionOptions>(RetentionOptions.Section).Checked());
        return services;
    }
}
