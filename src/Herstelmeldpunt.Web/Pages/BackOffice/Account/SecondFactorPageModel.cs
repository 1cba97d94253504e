using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>
/// Step two of staff sign-in, after a correct password: a code from the authenticator app or a
/// recovery code. Without a pending sign-in the page sends the person back to step one. Wrong codes
/// count towards lockout; a locked account gets the same message as a wrong password.
/// </summary>
public abstract class SecondFactorPageModel(SignInManager<StaffUser> signIn, AuthenticationEvents events) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorKey { get; private set; }

    protected SignInManager<StaffUser> SignInManager => signIn;

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("Login");
        }

        var (result, formatErrorKey, wrongKey) = await TrySignInAsync(Code ?? string.Empty);
        if (result is null)
        {
            ErrorKey = formatErrorKey;
            return Page();
        }

        if (result.Succeeded)
        {
            if (UsesRecoveryCode)
            {
                await events.RecordAsync(Audit.AuditActions.RecoveryCodeUsed, user);
            }

            await events.RecordAsync(Audit.AuditActions.SignedIn, user);
            if (Localization.Cultures.FromLanguage(user.Language) is { } culture)
            {
                Localization.Cultures.Remember(HttpContext, culture); // the back office speaks the account's language
            }

            return LocalRedirect(SafeReturn.Url(ReturnUrl));
        }

        await events.RecordAsync(result.IsLockedOut ? Audit.AuditActions.LockedOut : Audit.AuditActions.SecondFactorFailed, user);
        ErrorKey = result.IsLockedOut ? "Login.Failed" : wrongKey;
        return Page();
    }

    /// <summary>Whether this step takes a recovery code (its use is recorded on its own).</summary>
    protected virtual bool UsesRecoveryCode => false;

    /// <summary>Checks the typed code; a null result means it is not even in the right form (message key given).</summary>
    protected abstract Task<(Microsoft.AspNetCore.Identity.SignInResult? Result, string? FormatErrorKey, string WrongKey)> TrySignInAsync(string typed);
}
