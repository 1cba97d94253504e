using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// Checks every staff request against the account: the security stamp in the cookie must still be
/// the account's. Logout, a role change, disabling and a 2FA reset all change the stamp, so the
/// session — and any copy of its cookie — stops working at once. (Identity's own validator only
/// re-checks after an interval has passed; this check does not depend on the clock.) The principal is
/// rebuilt from the account, so roles and the two-factor claim are always current.
/// </summary>
public static class StaffSessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<StaffUser>>();
        var user = await signIn.ValidateSecurityStampAsync(context.Principal);
        if (user is null || user.IsDisabled)
        {
            context.RejectPrincipal();
            await signIn.SignOutAsync();
            return;
        }

        context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
    }
}
