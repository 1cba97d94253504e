using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Documents;

/// <summary>Documents at start-up: their limits and folder, the virus scanner, the store.</summary>
public static class DocumentSetup
{
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DocumentOptions>(configuration, DocumentOptions.Section);
        services.AddSingleton<VirusScanner>();
        services.AddScoped<DocumentStore>();
        return services;
    }
}
