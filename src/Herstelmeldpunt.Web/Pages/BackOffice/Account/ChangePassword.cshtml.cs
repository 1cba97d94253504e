using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>
/// A signed-in member of staff changes their own password: the current one first (a wrong one counts
/// towards lockout, like at sign-in), then the new one under the same rules as when it was first set.
/// Their other sessions end (the security stamp changes); this one stays.
/// </summary>
public sealed class ChangePasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuthenticationEvents events, CurrentPassword currentPassword) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Field id → message key, in page order.</summary>
    public List<(string Field, string Key)> Errors { get; } = [];

    /// <summary>What the password rules said of the new password (already in the user's language).</summary>
    public IReadOnlyList<string> RuleErrors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Key;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors.Add(("CurrentPassword", "ChangePassword.CurrentRequired"));
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add(("Password", "SetPassword.Required"));
        }
        else if (Password != ConfirmPassword)
        {
            Errors.Add(("ConfirmPassword", "SetPassword.Mismatch"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        switch (await currentPassword.CheckAsync(user, CurrentPassword!))
        {
            case Staff.CurrentPassword.Outcome.LockedOut:
                return RedirectToPage("/BackOffice/Account/Login");
            case Staff.CurrentPassword.Outcome.Wrong:
                Errors.Add(("CurrentPassword", "ChangePassword.CurrentWrong"));
                return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword!, Password!);
        if (!result.Succeeded)
        {
            Errors.Add(("Password", "SetPassword.NotStrong"));
            RuleErrors = [.. result.Errors.Select(e => e.Description)];
            return Page();
        }

        await events.RecordAsync(AuditActions.PasswordSet, user);
        await signIn.RefreshSignInAsync(user); // the changed stamp would end this session too
        return RedirectToPage("/BackOffice/Account/Settings", new { melding = "wachtwoord" });
    }
}
