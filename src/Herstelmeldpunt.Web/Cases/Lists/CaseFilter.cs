using System.Globalization;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Cases.Lists;

/// <summary>
/// What a list of cases is filtered on, read from the address (so a filter can be bookmarked, shared and
/// saved): step, urgency, source, assignee ("mij", "niemand" or a member's id), received period, search
/// text, only overdue, and the position to continue after. Unknown values are ignored, never an error.
/// </summary>
public sealed record CaseFilter(string? State, UrgencyLevel? Urgency, ReportSource? Source, string? Assignee, DateOnly? From, DateOnly? To, string? Search, bool OverdueOnly, string? After)
{
    /// <summary>
    /// What is searched for. <see cref="Search"/> is what the address carries: a reference number as it
    /// is, a BSN or name only as a token (<see cref="SearchTokens"/>), so a person is never in an address,
    /// a browser's history or a proxy's log. Null for a token that cannot be read.
    /// </summary>
    public string? SearchText { get; init; } = Search is { Length: > 0 } s && s[0] != SearchTokens.Marker ? s : null;

    public static readonly string[] Keys = ["stap", "urgentie", "bron", "toegewezen", "van", "tot", "zoek", "verlopen"];

    public bool Any => State is not null || Urgency is not null || Source is not null || Assignee is not null || From is not null || To is not null || Search is not null || OverdueOnly;

    public static CaseFilter Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Text(string key) => query[key].ToString() is { Length: > 0 } value ? value.Trim() : null;
        DateOnly? Date(string key) => DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new CaseFilter(
            Text("stap"),
            Enum.TryParse<UrgencyLevel>(Text("urgentie"), out var u) && Enum.IsDefined(u) && !int.TryParse(Text("urgentie"), out _) ? u : null,
            Enum.TryParse<ReportSource>(Text("bron"), out var s) && Enum.IsDefined(s) && !int.TryParse(Text("bron"), out _) ? s : null,
            Text("toegewezen"),
            Date("van"),
            Date("tot"),
            Text("zoek") is { } search && search.Length <= 200 ? search : null,
            Text("verlopen") == "ja",
            Text("na"));
    }

    /// <summary>The address of the list at <paramref name="path"/> with this filter, starting after <paramref name="after"/>.</summary>
    public string Link(string path, string? after = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["stap"] = State,
            ["urgentie"] = Urgency?.ToString(),
            ["bron"] = Source?.ToString(),
            ["toegewezen"] = Assignee,
            ["van"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["tot"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["zoek"] = Search,
            ["verlopen"] = OverdueOnly ? "ja" : null,
            ["na"] = after,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}
