using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// Adds <see cref="Policies.TwoFactorClaim"/> while the account has two-factor authentication on. The
/// principal is rebuilt on every request by the security-stamp check, so the claim follows the account
/// (an administrator's 2FA reset removes it at once) without relying on how the session began.
/// </summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(Policies.TwoFactorClaim, "true"));
        }

        return identity;
    }
}
