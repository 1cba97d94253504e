namespace Herstelmeldpunt.Web.Staff;

/// <summary>The back-office roles (domain.md). Names are stable identifiers; the UI shows the Dutch text "Role.{name}".</summary>
public static class StaffRoles
{
    public const string IntakeStaff = "IntakeStaff";
    public const string CommitteeMember = "CommitteeMember";
    public const string CommitteeChair = "CommitteeChair";
    public const string SmzDecisionMaker = "SmzDecisionMaker";
    public const string CustomerContact = "CustomerContact";
    public const string Manager = "Manager";
    public const string Administrator = "Administrator";

    /// <summary>Reads the access log and answers a person's request to see their file (GDPR art. 15); no case work.</summary>
    public const string PrivacyOfficer = "PrivacyOfficer";

    /// <summary>Handles complaints about how people were treated (Awb chapter 9); never one about a case they worked on (9:7).</summary>
    public const string ComplaintsOfficer = "ComplaintsOfficer";

    public static readonly IReadOnlyList<string> All =
        [IntakeStaff, CommitteeMember, CommitteeChair, SmzDecisionMaker, CustomerContact, Manager, Administrator, PrivacyOfficer, ComplaintsOfficer];
}
