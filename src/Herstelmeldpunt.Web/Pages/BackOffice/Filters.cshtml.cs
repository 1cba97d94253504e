using Herstelmeldpunt.Web.Cases.Lists;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice;

/// <summary>Saving and removing a member of staff's own filters (<see cref="SavedFilters"/>); both lead back to the list.</summary>
public sealed class FiltersModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/BackOffice/Worklist");

    public async Task<IActionResult> OnPostSaveAsync(string? lijst, string? naam, CancellationToken cancellationToken)
    {
        var list = lijst is not null && SavedFilters.Lists.Contains(lijst) ? lijst : "/backoffice/werkvoorraad";
        var fields = new QueryCollection(Request.Form.ToDictionary(f => f.Key, f => f.Value));
        var filter = CaseFilter.Parse(fields);
        var error = await SavedFilters.SaveAsync(db, clock, StaffActor.From(User).UserId ?? string.Empty, list, naam, fields, cancellationToken);
        if (error is not null)
        {
            return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(filter.Link(list), "filterfout", error));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect(filter.Link(list));
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, string? lijst, CancellationToken cancellationToken)
    {
        var me = StaffActor.From(User).UserId;
        await db.SavedFilters.Where(f => f.Id == id && f.UserId == me).ExecuteDeleteAsync(cancellationToken); // only one's own
        return Redirect(lijst is not null && SavedFilters.Lists.Contains(lijst) ? lijst : "/backoffice/werkvoorraad");
    }
}
