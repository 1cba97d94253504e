using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin.Accounts;

/// <summary>All staff accounts with their roles and state.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool Disabled, bool PasswordSet, bool TwoFactor);

    public IReadOnlyList<Row> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        Accounts = (await db.Users.OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsDisabled, PasswordSet = u.PasswordHash != null, u.TwoFactorEnabled })
                .ToListAsync(cancellationToken))
            .Select(u => new Row(u.Id, u.DisplayName, u.Email ?? string.Empty, rolesByUser[u.Id].ToList(), u.IsDisabled, u.PasswordSet, u.TwoFactorEnabled))
            .ToList();
    }
}
