using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// A member of staff with a back-office account. There is no self-registration: an administrator
/// invites (the back-office page Admin/Accounts/Invite) or the first administrator is made by the
/// <c>create-admin</c> command. Every account must use TOTP two-factor authentication.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Disabled accounts cannot sign in (lockout until the end of time) and their sessions end.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>"nl" or "en": the back office and the emails to this person.</summary>
    public string Language { get; set; } = "nl";

    /// <summary>An email when a case is assigned to them.</summary>
    public bool NotifyAssigned { get; set; } = true;

    /// <summary>An email when a deadline passes (managers).</summary>
    public bool NotifyEscalations { get; set; } = true;

    /// <summary>An email when the decision deadline of a case assigned to them is near (see <c>DeadlineWarning</c>).</summary>
    public bool NotifyDeadlineSoon { get; set; } = true;

    /// <summary>The 30-second step of the last authenticator code accepted: that code and older ones are refused (<see cref="OneTimeAuthenticatorCodes"/>).</summary>
    public long? LastAuthenticatorStep { get; set; }
}
