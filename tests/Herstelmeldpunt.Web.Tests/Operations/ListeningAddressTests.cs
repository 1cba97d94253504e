using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Tests.Infrastructure;

namespace Herstelmeldpunt.Web.Tests.Operations;

/// <summary>
/// The first administrator's link opens on the portal that runs, also when the portal was started with another
/// address (<c>--urls</c>) than the create-admin command beside it (which <c>dotnet run</c> gives the launch profile's).
/// </summary>
public sealed partial class ListeningAddressTests
{
    [Fact]
    public async Task Create_admin_beside_a_running_portal_prints_a_link_on_the_portals_own_address()
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Email__PublicBaseUrl"] = string.Empty,
            ["Database__DataDirectory"] = Directory.CreateTempSubdirectory("hm-listening-").FullName,
            ["Encryption__CurrentKey"] = "test-1",
            ["Encryption__Keys__test-1"] = AppFactory.TestKey,
            ["Encryption__HashKey"] = AppFactory.TestHashKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var portal = new AppProcess(AppProcess.FreePort(), settings);
        await portal.WaitForReadyAsync();

        var commandPort = AppProcess.FreePort();
        using var command = new AppProcess(commandPort, settings, "create-admin", "beheer@example.nl", "Bea Beheer");
        var printed = await command.WaitForExitAsync();

        var link = LinkPattern().Match(printed).Value;
        Assert.StartsWith($"http://127.0.0.1:{portal.Port}/", link, StringComparison.Ordinal);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(link));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {link}");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
