using System.Globalization;
using System.Text;

namespace Herstelmeldpunt.Web.Api;

/// <summary>Keyset paging over (received at, id): an opaque cursor, a next link with the same filters, no total count.</summary>
public static class ApiPaging
{
    /// <summary>The page size (20 unless given) and the position after the cursor; a problem for either that is wrong.</summary>
    public static (int Size, (DateTime ReceivedAt, Guid Id)? After) Check(int? pageSize, string? cursor, ApiOptions options, List<(string, string, string)> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        var size = pageSize ?? 20;
        if (size < 1 || size > options.MaxPageSize)
        {
            problems.Add(("pageSize", "range", "Api.Invalid.PageSize"));
        }

        var after = cursor is null ? null : Decode(cursor);
        if (cursor is not null && after is null)
        {
            problems.Add(("cursor", "invalid", "Api.Invalid.Cursor"));
        }

        return (size, after);
    }

    /// <summary>This page's address and the next one's (none on the last page).</summary>
    public static PageLinks Links(HttpContext http, string? nextCursor)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new PageLinks(new Link(http.Request.Path + http.Request.QueryString), nextCursor is null ? null : new Link(WithCursor(http, nextCursor)));
    }

    /// <summary>One page after <paramref name="after"/> in (received at, id) order, and whether there is more.</summary>
    public static async Task<(List<CaseViews.Row> Page, bool More)> PageAsync(IQueryable<CaseViews.Row> rows, (DateTime ReceivedAt, Guid Id)? after, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (after is { } position)
        {
            rows = rows.Where(r => r.ReceivedAt > position.ReceivedAt || (r.ReceivedAt == position.ReceivedAt && r.Id.CompareTo(position.Id) > 0));
        }

        var page = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(rows.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).Take(size + 1), cancellationToken);
        var more = page.Count > size;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        return (page, more);
    }

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

