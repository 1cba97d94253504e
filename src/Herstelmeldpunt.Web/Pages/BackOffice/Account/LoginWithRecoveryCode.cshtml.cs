using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>Staff sign-in with one of the recovery codes shown at enrolment, when the phone is lost. Each code works once.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<StaffUser> signIn, AuthenticationEvents events) : SecondFactorPageModel(signIn, events)
{
    protected override bool UsesRecoveryCode => true;

    protected override async Task<(SignInResult? Result, string? FormatErrorKey, string WrongKey)> TrySignInAsync(string typed)
    {
        var code = typed.Replace(" ", string.Empty, StringComparison.Ordinal);
        return code.Length == 0
            ? (null, "LoginRecovery.Required", "LoginRecovery.Wrong")
            : (await SignInManager.TwoFactorRecoveryCodeSignInAsync(code), null, "LoginRecovery.Wrong");
    }
}
