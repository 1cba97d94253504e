namespace Herstelmeldpunt.Web.TargetGroup;

public enum BenefitType
{
    Wga = 1,
    Iva = 2,
}

/// <summary>
/// One person in the target group (doelgroep): re-assessed by the team in question. Imported by an
/// administrator from CSV; reports are matched to it by BSN (<see cref="ReportedAt"/> keeps the answer).
/// </summary>
public sealed class TargetGroupMember
{
    public Guid Id { get; set; }

    /// <summary>9 digits, passes the elfproef; unique in the register.</summary>
    public string Bsn { get; set; } = string.Empty;

    /// <summary>A keyed hash of <see cref="Bsn"/> (set on save): reports match the register on it.</summary>
    public string BsnHash { get; set; } = string.Empty;

    public string FullName { get; set; } = string.Empty;

    public BenefitType BenefitType { get; set; }

    public DateOnly ReassessmentDate { get; set; }

    public string Team { get; set; } = string.Empty;

    /// <summary>Postal address for the letter to the whole target group (optional columns of the import).</summary>
    public string? AddressStreet { get; set; }

    public string? AddressPostcode { get; set; }

    public string? AddressCity { get; set; }

    /// <summary>UTC time of the import that last wrote this row.</summary>
    public DateTime ImportedAt { get; set; }

    /// <summary>
    /// UTC time a report with this BSN was first stored; null while this person has not reported. Set with the
    /// report (<see cref="RegisterReports"/>), so the register's lists do not join every member to every report.
    /// A report that is later anonymised still counts: this person did report.
    /// </summary>
    public DateTime? ReportedAt { get; set; }
}
