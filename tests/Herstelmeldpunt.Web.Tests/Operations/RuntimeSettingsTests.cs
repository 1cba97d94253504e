using System.Text.Json;

namespace Herstelmeldpunt.Web.Tests.Operations;

/// <summary>
/// The garbage collector a node runs with (ADR 0039) is what the built portal's runtime configuration says, not what a
/// project file's comment says: a misspelt MSBuild property is ignored without a warning (for a day the project asked
/// for "ServerGarbageCollector", which does not exist, and every figure was measured with the SDK's default).
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        // The portal's runtimeconfig.json is copied beside the tests' assemblies (the test project references the web project).
        var path = Path.Combine(AppContext.BaseDirectory, "Herstelmeldpunt.Web.runtimeconfig.json");
        Assert.True(File.Exists(path), "the portal's runtime configuration is not beside the tests: " + path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void A_node_runs_the_server_collector_without_background_collections()
    {
        var properties = ConfigProperties();
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
