using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin.Accounts;

/// <summary>An administrator invites a member of staff: the account gets roles and an email with a link to choose a password.</summary>
public sealed class InviteModel(AppDbContext db, UserManager<StaffUser> users, TimeProvider clock, EmailOptions email) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public List<FieldError> Errors { get; } = [];

    public IReadOnlyList<string> IdentityErrors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = DisplayName?.Trim();
        var address = Email?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Errors.Add(new(nameof(DisplayName), "Accounts.Error.NameRequired"));
        }
        else if (name.Length > FieldLimits.Name)
        {
            Errors.Add(new(nameof(DisplayName), "Error.FullName.TooLong"));
        }
        else if (HiddenCharacters.In(name))
        {
            Errors.Add(new(nameof(DisplayName), "Error.Name.HiddenCharacter"));
        }

        if (string.IsNullOrEmpty(address) || !IntakeValidator.IsEmail(address))
        {
            Errors.Add(new(nameof(Email), "Error.Email.Invalid"));
        }

        var roles = Roles.Where(StaffRoles.All.Contains).Distinct().ToList();
        if (roles.Count == 0 || roles.Count != Roles.Distinct().Count())
        {
            Errors.Add(new("Role_" + StaffRoles.All[0], "Accounts.Error.RoleRequired"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var baseUrl = email.BaseUrl(Request);
        var (user, errors) = await StaffAccounts.InviteAsync(db, users, clock, User, address!, name!, roles, baseUrl);
        if (user is null)
        {
            IdentityErrors = errors.Select(e => e.Description).ToList();
            return Page();
        }

        return RedirectToPage("/BackOffice/Admin/Accounts/Edit", new { id = user.Id, melding = "uitgenodigd" });
    }
}
