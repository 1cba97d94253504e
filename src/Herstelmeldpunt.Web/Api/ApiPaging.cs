using System.Globalization;
using System.Text;

namespace Herstelmeldpunt.Web.Api;

/// <summary>Keyset paging over (received at, id): an opaque cursor, a next link with the same filters, no total count.</summary>
public static class ApiPaging
{
    public static string WithCursor(HttpContext http, string cursor)
    {
        var pairs = http.Request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}")).Append("cursor=" + cursor);
        return http.Request.Path + "?" + string.Join('&', pairs);
    }

    public static string Encode(DateTime receivedAt, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(receivedAt.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + id.ToString("N"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (DateTime ReceivedAt, Guid Id)? Decode(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and < 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTime(ticks, DateTimeKind.Utc), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

