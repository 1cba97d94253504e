using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>The invitation link: an invited member of staff chooses a password. The link works once and expires after 3 days.</summary>
public sealed class SetPasswordModel(UserManager<StaffUser> users, AuthenticationEvents events) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "gebruiker")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "code")]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? ErrorKey { get; private set; }

    public bool LinkInvalid { get; private set; }

    public IActionResult OnGet()
    {
        LinkInvalid = string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Password))
        {
            ErrorKey = "SetPassword.Required";
            return Page();
        }

        if (Password != ConfirmPassword)
        {
            ErrorKey = "SetPassword.Mismatch";
            return Page();
        }

        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (user is null || Token is null || user.IsDisabled)
        {
            LinkInvalid = true;
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            LinkInvalid = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            Errors = result.Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.InvalidToken)).Select(e => e.Description).ToList();
            return Page();
        }

        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await events.RecordAsync(Audit.AuditActions.PasswordSet, user);
        return RedirectToPage("/BackOffice/Account/Login", new { melding = "wachtwoord" });
    }
}
