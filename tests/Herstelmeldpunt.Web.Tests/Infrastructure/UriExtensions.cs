namespace Herstelmeldpunt.Web.Tests.Infrastructure;

public static class UriExtensions
{
    /// <summary>The path and query of a redirect location, whether it came relative or absolute.</summary>
    public static string PathAndQuery(this Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
