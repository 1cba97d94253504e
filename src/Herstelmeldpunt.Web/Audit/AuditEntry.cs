namespace Herstelmeldpunt.Web.Audit;

/// <summary>
/// Append-only record of an administrative change: who, what, when. Never holds a citizen's personal
/// data; the subject is a staff account or a register import.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    /// <summary>Null when done from the command line.</summary>
    public string? ActorUserId { get; set; }

    public string ActorName { get; set; } = string.Empty;

    /// <summary>A stable action name, for example "account.invited" (see <see cref="AuditActions"/>).</summary>
    public string Action { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Details { get; set; } = string.Empty;
}

public static class AuditActions
{
    public const string AccountInvited = "account.invited";
    public const string AccountInvitationResent = "account.invitation-resent";
    public const string AccountRolesChanged = "account.roles-changed";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string AccountTwoFactorReset = "account.2fa-reset";
    public const string AdministratorCreated = "account.first-administrator";
    public const string TargetGroupImported = "target-group.imported";
    public const string FullExport = "export.full";
    public const string PersonFileExported = "export.person-file";
    public const string JobPaused = "job.paused";
    public const string JobResumed = "job.resumed";
    public const string EmailRetried = "email.retried";
    public const string SignedIn = "auth.signed-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string LockedOut = "auth.locked-out";
    public const string SecondFactorFailed = "auth.2fa-failed";
    public const string RecoveryCodeUsed = "auth.recovery-code-used";
    public const string PasswordSet = "auth.password-set";
    public const string TwoFactorEnrolled = "auth.2fa-enrolled";
}
