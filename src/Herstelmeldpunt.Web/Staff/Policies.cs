using Microsoft.AspNetCore.Authorization;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// One policy per back-office area. Every page and endpoint has one: the fallback policy (signed-in
/// staff with two-factor authentication) covers anything that names none, and public pages opt out
/// explicitly. Per-case rules are checked in the handlers.
/// </summary>
public static class Policies
{
    /// <summary>The fallback: a member of staff, signed in, with two-factor authentication enabled.</summary>
    public const string Staff = "Staff";

    /// <summary>Signed in with a password only: may enrol in two-factor authentication and sign out, nothing else.</summary>
    public const string SignedIn = "SignedIn";

    public const string Accounts = "Accounts";
    public const string StaffIntake = "StaffIntake";
    public const string CaseFiles = "CaseFiles";
    public const string TargetGroupRegister = "TargetGroupRegister";
    public const string NotReportedList = "NotReportedList";
    public const string ProcessDiagrams = "ProcessDiagrams";
    public const string Jobs = "Jobs";
    public const string Dashboard = "Dashboard";

    /// <summary>The access log and a person's file (GDPR art. 15).</summary>
    public const string Privacy = "Privacy";

    /// <summary>The print room: letters to post, printed in batches.</summary>
    public const string LetterPrinting = "LetterPrinting";

    /// <summary>Times offered for conversations and hearings, and the day's conversations.</summary>
    public const string Appointments = "Appointments";

    /// <summary>The complaints officer's list and the register of complaints.</summary>
    public const string Complaints = "Complaints";

    /// <summary>Claim added while the account has two-factor authentication enabled (see <see cref="StaffClaimsPrincipalFactory"/>).</summary>
    public const string TwoFactorClaim = "hmp:2fa";

    /// <summary>Which roles reach which area. The authorization-matrix test reads the same table.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [Staff] = [.. StaffRoles.All],
        [Accounts] = [StaffRoles.Administrator],
        [StaffIntake] = [StaffRoles.IntakeStaff],
        [CaseFiles] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        [TargetGroupRegister] = [StaffRoles.Administrator],
        [NotReportedList] = [StaffRoles.Administrator, StaffRoles.Manager],
        [ProcessDiagrams] = [StaffRoles.Administrator, StaffRoles.Manager],
        [Jobs] = [StaffRoles.Administrator, StaffRoles.Manager],
        [Dashboard] = [StaffRoles.Manager],
        [Privacy] = [StaffRoles.Administrator, StaffRoles.PrivacyOfficer],
        [LetterPrinting] = [StaffRoles.IntakeStaff, StaffRoles.CustomerContact, StaffRoles.Manager],
        [Appointments] = [StaffRoles.CustomerContact, StaffRoles.SmzDecisionMaker, StaffRoles.Manager],
        [Complaints] = [StaffRoles.ComplaintsOfficer, StaffRoles.Manager],
    };

    public static AuthorizationPolicy StaffPolicy(params string[] roles) => new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireClaim(TwoFactorClaim, "true")
        .RequireRole(roles)
        .Build();

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, StaffPolicy(roles));
        }

        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.FallbackPolicy = StaffPolicy([.. StaffRoles.All]);
    }
}
