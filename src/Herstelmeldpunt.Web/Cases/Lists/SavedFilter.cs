using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Lists;

/// <summary>A filter of a case list or worklist that a member of staff saved under a name, for themselves.</summary>
public sealed class SavedFilter
{
    public const int NameLength = 80;

    public Guid Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    /// <summary>The list it belongs to, e.g. "/backoffice/werkvoorraad".</summary>
    public string Page { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The list's address with the filter (known keys only, no position): what the link opens.</summary>
    public string Link { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The rules for saved filters: only on the lists that have filters, a name of at most
/// <see cref="SavedFilter.NameLength"/> characters, at most <see cref="MaxPerList"/> per person per list, the
/// filter rebuilt from its known keys (nothing else from the address is kept), and only the owner sees
/// or removes them. A filter with the same name replaces the old one.
/// </summary>
public static class SavedFilters
{
    public const int MaxPerList = 20;

    public static readonly IReadOnlySet<string> Lists = new HashSet<string>(StringComparer.Ordinal) { "/backoffice/meldingen", "/backoffice/werkvoorraad" };

    /// <summary>The message key of a failed save, from the address; anything else is ignored.</summary>
    public static string? ErrorFrom(IQueryCollection query) =>
        query?["filterfout"].ToString() is { } key && key.StartsWith("Filters.Error.", StringComparison.Ordinal) ? key : null;

    public static async Task<IReadOnlyList<SavedFilter>> ForAsync(AppDbContext db, string userId, string list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.SavedFilters.AsNoTracking().Where(f => f.UserId == userId && f.Page == list).OrderBy(f => f.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Returns the key of the message when the filter cannot be saved; else adds or replaces it in the caller's unit of work.</summary>
    public static async Task<string?> SaveAsync(AppDbContext db, TimeProvider clock, string userId, string list, string? name, IQueryCollection filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (!Lists.Contains(list))
        {
            return "Filters.Error.List";
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return "Filters.Error.NameMissing";
        }

        if (name.Length > SavedFilter.NameLength)
        {
            return "Filters.Error.NameTooLong";
        }

        var parsed = CaseFilter.Parse(filter);
        if (!parsed.Any)
        {
            return "Filters.Error.Empty";
        }

        var existing = await db.SavedFilters.Where(f => f.UserId == userId && f.Page == list).ToListAsync(cancellationToken);
        var same = existing.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (same is null && existing.Count >= MaxPerList)
        {
            return "Filters.Error.TooMany";
        }

        var link = parsed.Link(list);
        if (same is not null)
        {
            same.Link = link;
        }
        else
        {
            db.SavedFilters.Add(new SavedFilter { Id = Guid.CreateVersion7(clock.GetUtcNow()), UserId = userId, Page = list, Name = name, Link = link, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }

        return null;
    }
}
