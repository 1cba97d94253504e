using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>Staff sign-in, step two: the 6-digit code from the authenticator app.</summary>
public sealed class LoginWithCodeModel(SignInManager<StaffUser> signIn, AuthenticationEvents events) : SecondFactorPageModel(signIn, events)
{
    protected override async Task<(SignInResult? Result, string? FormatErrorKey, string WrongKey)> TrySignInAsync(string typed)
    {
        var code = new string(typed.Where(char.IsAsciiDigit).ToArray());
        return code.Length != 6
            ? (null, "LoginCode.Format", "LoginCode.Wrong")
            : (await SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false), null, "LoginCode.Wrong");
    }
}
