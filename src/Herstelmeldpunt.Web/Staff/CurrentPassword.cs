using Herstelmeldpunt.Web.Audit;
using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// A signed-in member of staff types their password again before a change to how they sign in (their
/// password, their authenticator). A wrong one counts towards lockout and is an audit event, as at
/// sign-in; a locked account is signed out. Scoped.
/// </summary>
public sealed class CurrentPassword(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuthenticationEvents events)
{
    public enum Outcome
    {
        Right,
        Wrong,
        LockedOut,
    }

    public async Task<Outcome> CheckAsync(StaffUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return Outcome.Right;
        }

        await users.AccessFailedAsync(user);
        await events.RecordAsync(AuditActions.SignInFailed, user);
        if (!await users.IsLockedOutAsync(user))
        {
            return Outcome.Wrong;
        }

        await signIn.SignOutAsync();
        return Outcome.LockedOut;
    }
}
