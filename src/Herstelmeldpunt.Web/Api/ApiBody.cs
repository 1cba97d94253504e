using System.Text.Json;

namespace Herstelmeldpunt.Web.Api;

/// <summary>Reads a JSON body itself, so that a malformed body is a problem+json 400 in the caller's language, not the framework's empty one.</summary>
public static class ApiBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<byte[]?> ReadBytesAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static T? Parse<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static async Task<T?> ReadAsync<T>(HttpContext http, CancellationToken cancellationToken)
        where T : class =>
        await ReadBytesAsync(http, cancellationToken) is { } body ? Parse<T>(body) : null;
}
