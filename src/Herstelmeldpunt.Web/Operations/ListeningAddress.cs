using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>
/// The address a running portal listens on, left in its data directory, so that a command started beside it
/// (create-admin, whose link must open on this portal) uses it even when the portal was started with another
/// <c>--urls</c> than the command (the launch profile gives every <c>dotnet run</c> its own default). A wildcard
/// host is written as localhost. Only a guess for when <c>Email:PublicBaseUrl</c> is empty; never used over it.
/// </summary>
public static class ListeningAddress
{
    public const string FileName = "listening-address";

    /// <summary>Writes the server's first address into the data directory (after start, when the server knows it).</summary>
    public static void Remember(IServer server, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(server);
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (first is null)
        {
            return; // a test server: no socket, nothing to point at
        }

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        File.WriteAllText(path + ".tmp", Email.EmailOptions.FirstListeningUrl(first));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The address a portal on this data directory last listened on, or null when none ever ran here.</summary>
    public static string? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) && Uri.TryCreate(File.ReadAllText(path).Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
    }
}
