namespace Herstelmeldpunt.Web.Common;

/// <summary>Binding a configuration section to its settings class: the class's defaults where the section says nothing.</summary>
public static class Settings
{
    public static T Read<T>(this IConfiguration configuration, string section)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(section).Get<T>() ?? new T();
    }

    /// <summary>Reads the section and registers the result as a singleton; returns it for the set-up that needs it now.</summary>
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
    {
        var settings = configuration.Read<T>(section);
        services.AddSingleton(settings);
        return settings;
    }
}
