using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>
/// A signed-in member of staff replaces their authenticator (a new phone, or a key they fear was seen):
/// with their password, the old key and recovery codes stop working and they enrol a new key at once.
/// Other sessions end; an administrator's reset is for those who can no longer sign in.
/// </summary>
public sealed class ResetAuthenticatorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuthenticationEvents events, CurrentPassword currentPassword) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    public string? ErrorKey { get; private set; }

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
            ErrorKey = "ChangePassword.CurrentRequired";
            return Page();
        }

        switch (await currentPassword.CheckAsync(user, CurrentPassword))
        {
            case Staff.CurrentPassword.Outcome.LockedOut:
                return RedirectToPage("/BackOffice/Account/Login");
            case Staff.CurrentPassword.Outcome.Wrong:
                ErrorKey = "ChangePassword.CurrentWrong";
                return Page();
        }

        user.LastAuthenticatorStep = null; // steps of the old key say nothing about the new one
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0); // the old recovery codes stop working
        await events.RecordAsync(AuditActions.AccountTwoFactorReset, user);
        await signIn.RefreshSignInAsync(user); // without two-factor now: enrolment is the only page open
        return Redirect(TwoFactorEnrolmentMiddleware.EnrolmentPath);
    }
}
