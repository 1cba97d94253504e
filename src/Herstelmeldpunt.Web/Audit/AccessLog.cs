using System.Security.Claims;
using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Audit;

/// <summary>
/// One read of personal data by a member of staff (NEN 7513): who, with which roles, when, what, which
/// case, from which address. Append-only: the app has no update or delete path, and the database refuses
/// both (triggers, migration AccessLog).
/// </summary>
public sealed class AccessLogEntry
{
    public Guid Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public string UserName { get; set; } = string.Empty;

    public string Roles { get; set; } = string.Empty;

    /// <summary>What was done, e.g. <see cref="AccessActions.CaseViewed"/>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>The case whose data was seen; null for a read of many (an export), then <see cref="Details"/> says what.</summary>
    public Guid? CaseId { get; set; }

    public string? ClientAddress { get; set; }

    public string Details { get; set; } = string.Empty;
}

public static class AccessActions
{
    public const string CaseViewed = "case.viewed";
    public const string DocumentDownloaded = "document.downloaded";
    public const string LetterDownloaded = "letter.downloaded";
    public const string FoundByName = "search.name";
    public const string FoundByBsn = "search.bsn";

    /// <summary>A list of names looked at without a search (the case list, a worklist, the register's not-reported list): one row per view, not per name.</summary>
    public const string ListViewed = "list.viewed";
    public const string FullExport = "export.full";
    public const string CasesCsv = "export.cases-csv";
    public const string FiguresCsv = "export.figures-csv";
    public const string AccessLogViewed = "access-log.viewed";
    public const string AccessLogExported = "access-log.exported";
    public const string PersonFileExported = "export.person-file";
}

/// <summary>Adds access-log rows to the caller's unit of work (the caller saves).</summary>
public static class AccessLog
{
    public static void Record(AppDbContext db, TimeProvider clock, HttpContext http, string action, IEnumerable<Guid?> cases, string details = "")
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(cases);
        var now = clock.GetUtcNow();
        var user = http.User;
        var roles = string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal));
        // A search that found nobody leaves a row too: probing whether someone reported must leave a trace (issue 27, item 8).
        var seen = cases.ToList();
        if (seen.Count == 0)
        {
            seen.Add(null);
            details = (details.Length == 0 ? string.Empty : details + "; ") + "found nobody";
        }

        foreach (var caseId in seen)
        {
            db.AccessLog.Add(new AccessLogEntry
            {
                Id = Guid.CreateVersion7(now),
                At = now.UtcDateTime,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.FindFirstValue("name") ?? user.Identity?.Name ?? "unknown",
                Roles = roles.Length > 200 ? roles[..200] : roles,
                Action = action,
                CaseId = caseId,
                ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
                Details = details.Length > 500 ? details[..500] : details,
            });
        }
    }

    public static void Record(AppDbContext db, TimeProvider clock, HttpContext http, string action, Guid? caseId, string details = "") =>
        Record(db, clock, http, action, [caseId], details);

    /// <summary>
    /// A list of names looked at without a search: one row for the view (which list, how many names, which page), so
    /// paging through lists to see whether someone reported leaves a trace (issue 27, item 8). Not a row per name: a
    /// back office opens its lists all day, and 50 rows a view would be millions a day at a national scheme.
    /// </summary>
    public static void RecordList(AppDbContext db, TimeProvider clock, HttpContext http, string list, int namesShown, bool firstPage) =>
        Record(db, clock, http, AccessActions.ListViewed, (Guid?)null, $"{list}: {namesShown} names shown, {(firstPage ? "first page" : "a later page")}");
}
