using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// What the public intake form posts. Everything is text or a check box, so that nothing is lost to
/// model binding and every problem gets a message of our own, in the reporter's language.
/// </summary>
public sealed class IntakeForm
{
    public string? IdempotencyKey { get; set; }

    /// <summary>When the form was first shown, protected (<see cref="IntakeProtection"/>).</summary>
    public string? StartedAt { get; set; }

    /// <summary>A field people do not see; a program that fills in every field fills this one too.</summary>
    public string? Website { get; set; }

    /// <summary>"self" or "other".</summary>
    public string? FilingFor { get; set; }

    public string? FullName { get; set; }

    public string? Bsn { get; set; }

    public string? BirthDay { get; set; }

    public string? BirthMonth { get; set; }

    public string? BirthYear { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>"Phone" or "Email".</summary>
    public string? PreferredChannel { get; set; }

    /// <summary>"NoPreference", "Morning" or "Afternoon".</summary>
    public string? PreferredTime { get; set; }

    /// <summary>Address for letters: required when no email address is given.</summary>
    public string? AddressStreet { get; set; }

    public string? AddressPostcode { get; set; }

    public string? AddressCity { get; set; }

    public string? RepresentativeName { get; set; }

    public string? RepresentativeRelation { get; set; }

    public string? RepresentativeEmail { get; set; }

    public string? RepresentativePhone { get; set; }

    public bool RepresentativeAuthorised { get; set; }

    public bool EmotionalTrouble { get; set; }

    public bool PsychologicalTrouble { get; set; }

    public bool FinancialTrouble { get; set; }

    public string? Description { get; set; }

    /// <summary>"yes" or "no", like the other two urgency questions.</summary>
    public string? NoIncome { get; set; }

    public string? DebtCollectionOrEviction { get; set; }

    public string? CrisisOrDanger { get; set; }

    public bool Consent { get; set; }

    public bool IsForSomeoneElse => FilingFor == "other";

    /// <summary>The typed answers the validator judges: "self"/"other", "yes"/"no", the three date boxes and the choices read.</summary>
    public IntakeInput ToInput() => new()
    {
        IdempotencyKey = Guid.TryParse(IdempotencyKey, out var key) ? key : Guid.Empty,
        ForSomeoneElse = Choice(FilingFor, "other", "self"),
        FullName = FullName,
        Bsn = Bsn,
        DateOfBirth = DateOfBirthRule.Read(BirthDay, BirthMonth, BirthYear),
        Email = Email,
        Phone = Phone,
        PreferredChannel = ContactRules.ReadChannel(PreferredChannel),
        PreferredTime = ContactRules.ReadTime(PreferredTime),
        AddressStreet = AddressStreet,
        AddressPostcode = AddressPostcode,
        AddressCity = AddressCity,
        RepresentativeName = RepresentativeName,
        RepresentativeRelation = RepresentativeRelation,
        RepresentativeEmail = RepresentativeEmail,
        RepresentativePhone = RepresentativePhone,
        RepresentativeAuthorised = RepresentativeAuthorised,
        EmotionalTrouble = EmotionalTrouble,
        PsychologicalTrouble = PsychologicalTrouble,
        FinancialTrouble = FinancialTrouble,
        Description = Description,
        NoIncome = Choice(NoIncome, "yes", "no"),
        DebtCollectionOrEviction = Choice(DebtCollectionOrEviction, "yes", "no"),
        CrisisOrDanger = Choice(CrisisOrDanger, "yes", "no"),
        Consent = Consent,
    };

    /// <summary>A radio pair: the one value is true, the other false, anything else no answer.</summary>
    private static Answer<bool> Choice(string? value, string yes, string no) =>
        value == yes ? Answer.Of(true) : value == no ? Answer.Of(false) : default;
}

/// <summary>A form that passed validation, with its values parsed.</summary>
public sealed record ValidIntake(
    Guid IdempotencyKey,
    bool ForSomeoneElse,
    string FullName,
    string Bsn,
    DateOnly DateOfBirth,
    string? Email,
    string? Phone,
    ContactChannel PreferredChannel,
    ContactTime PreferredTime,
    string? RepresentativeName,
    string? RepresentativeRelation,
    string? RepresentativeEmail,
    string? RepresentativePhone,
    bool EmotionalTrouble,
    bool PsychologicalTrouble,
    bool FinancialTrouble,
    string Description,
    UrgencyAnswers Urgency,
    PostalAddress? Address = null);
