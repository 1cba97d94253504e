namespace Herstelmeldpunt.Web.Cases.Decisions;

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
/// advises that no additional help is needed, with reasons. Nobody who wrote any of it may approve or
/// return it (four eyes): every member of staff who saved a part is in <see cref="Contributors"/>.
/// </summary>
public sealed class Advice
{
    public Guid Id { get; set; }

    /// <summary>Who saved it last (shown as its author).</summary>
    public string AuthorId { get; set; } = string.Empty;

    /// <summary>Everyone who ever saved a part of it, the last author too; never shrinks.</summary>
    public List<AdviceContributor> Contributors { get; set; } = [];

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

    /// <summary>
    /// The committee's explanation for the person, in plain words: what it advises and why (v5 on, shown with the
    /// proposed decision). Separate from the reasons for the directorate, which may be internal.
    /// </summary>
    public string? ForThePerson { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether this member of staff wrote any of it (and so may not approve or return it).</summary>
    public bool WrittenBy(string? userId) =>
        userId is not null && (AuthorId == userId || Contributors.Any(c => c.UserId == userId));

    /// <summary>Records a save by this member of staff: the last author, and a contributor from now on.</summary>
    public void WrittenNowBy(string userId, DateTime nowUtc)
    {
        AuthorId = userId;
        UpdatedAt = nowUtc;
        if (Contributors.All(c => c.UserId != userId))
        {
            Contributors.Add(new AdviceContributor { AdviceId = Id, UserId = userId, FirstAt = nowUtc });
        }
    }

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

/// <summary>One member of staff who saved a part of an advice (the four-eyes check reads these).</summary>
public sealed class AdviceContributor
{
    public Guid AdviceId { get; set; }

    public string UserId { get; set; } = string.Empty;

    /// <summary>UTC: their first save.</summary>
    public DateTime FirstAt { get; set; }
}
