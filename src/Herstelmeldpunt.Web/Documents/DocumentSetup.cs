using Herstelmeldpunt.Web.Common;

namespace Herstelmeldpunt.Web.Documents;

/// <summary>Documents at start-up: their limits and folder, the virus scanner, the store, the gate of the public pages' uploads.</summary>
public static class DocumentSetup
{
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DocumentOptions>(configuration, DocumentOptions.Section);
        services.AddSingleton<VirusScanner>();
        services.AddScoped<DocumentStore>();
        services.AddSingleton<UploadGate>();
        return services;
    }
}
