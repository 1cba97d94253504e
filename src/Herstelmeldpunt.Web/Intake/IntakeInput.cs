using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// A report as given, typed, whatever channel it came by: the public form and staff intake (<see cref="IntakeForm.ToInput"/>),
/// the partner API and its batch files. Texts stay as typed (the rules trim and measure them); choices and dates are
/// <see cref="Answer{T}"/>s so that "not answered" and "not readable" each get their own message.
/// </summary>
public sealed record IntakeInput
{
    /// <summary>Empty when missing or not a key: the intake refuses it as an expired form.</summary>
    public Guid IdempotencyKey { get; init; }

    public Answer<bool> ForSomeoneElse { get; init; }

    public string? FullName { get; init; }

    public string? Bsn { get; init; }

    public Answer<DateOnly> DateOfBirth { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public Answer<ContactChannel> PreferredChannel { get; init; }

    public Answer<ContactTime> PreferredTime { get; init; }

    public string? AddressStreet { get; init; }

    public string? AddressPostcode { get; init; }

    public string? AddressCity { get; init; }

    public string? RepresentativeName { get; init; }

    public string? RepresentativeRelation { get; init; }

    public string? RepresentativeEmail { get; init; }

    public string? RepresentativePhone { get; init; }

    public bool RepresentativeAuthorised { get; init; }

    public bool EmotionalTrouble { get; init; }

    public bool PsychologicalTrouble { get; init; }

    public bool FinancialTrouble { get; init; }

    public string? Description { get; init; }

    public Answer<bool> NoIncome { get; init; }

    public Answer<bool> DebtCollectionOrEviction { get; init; }

    public Answer<bool> CrisisOrDanger { get; init; }

    public bool Consent { get; init; }

    public bool IsForSomeoneElse => ForSomeoneElse.Value == true;
}
