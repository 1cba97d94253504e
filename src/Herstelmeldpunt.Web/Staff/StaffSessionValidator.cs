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
    /// <summary>However active, a staff session ends this long after signing in (issue 27, item 3): a stolen cookie does not live on.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>The item in the cookie's properties that holds when the member of staff signed in (UTC, round-trip format).</summary>
    public const string SignedInAtItem = "hmp.signedInAt";

    /// <summary>At sign-in (not at a sliding renewal, which keeps the properties): remember when.</summary>
    public static Task SigningIn(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Properties.Items[SignedInAtItem] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<StaffUser>>();
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var at)
            || !DateTimeOffset.TryParseExact(at, "O", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var signedInAt)
            || now - signedInAt > AbsoluteLifetime)
        {
            context.RejectPrincipal(); // past the absolute lifetime (or from before it was kept): sign in again
            await signIn.SignOutAsync();
            return;
        }

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
