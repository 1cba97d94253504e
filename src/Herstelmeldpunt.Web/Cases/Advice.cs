namespace Herstelmeldpunt.Web.Cases;

public enum RecoveryMeasureKind
{
    RestoreBenefit = 1,
    LabourExpertGuidance = 2,
    PsychologicalSupport = 3,
    Reintegration = 4,
    DebtHelp = 5,
    Other = 6,
}

public enum CompensationKind
{
    None = 0,
    Amount = 1,
    OtherForm = 2,
}

/// <summary>
/// The advisory committee's individual advice on one report (the id is the report's). Recovery comes
/// first: the compensation part can only be completed after the recovery part. Or the committee
/// advises that no additional help is needed, with reasons. The author cannot approve it (four eyes).
/// </summary>
public sealed class Advice
{
    public Guid Id { get; set; }

    public string AuthorId { get; set; } = string.Empty;

    public List<RecoveryMeasure> Measures { get; set; } = [];

    /// <summary>UTC; set when the recovery part is complete.</summary>
    public DateTime? RecoveryCompletedAt { get; set; }

    public CompensationKind? Compensation { get; set; }

    public decimal? CompensationAmount { get; set; }

    /// <summary>The basis of an amount, or the description of another form.</summary>
    public string? CompensationDetails { get; set; }

    public string? CompensationReasons { get; set; }

    /// <summary>UTC; set when the compensation part is complete (never before the recovery part).</summary>
    public DateTime? CompensationCompletedAt { get; set; }

    public bool NoAdditionalHelp { get; set; }

    public string? NoAdditionalHelpReasons { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }

    public bool IsComplete => NoAdditionalHelp
        ? !string.IsNullOrWhiteSpace(NoAdditionalHelpReasons)
        : RecoveryCompletedAt is not null && CompensationCompletedAt is not null;
}

public sealed class RecoveryMeasure
{
    public Guid Id { get; set; }

    public Guid AdviceId { get; set; }

    public RecoveryMeasureKind Kind { get; set; }

    public string Reasons { get; set; } = string.Empty;
}
