using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Tests.Intake;

public sealed class IntakeValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static IntakeForm ValidForm() => new()
    {
        IdempotencyKey = Guid.NewGuid().ToString(),
        FilingFor = "self",
        FullName = "  Jan Jansen ",
        Bsn = "1112 22 333",
        BirthDay = "27",
        BirthMonth = "03",
        BirthYear = "1968",
        Email = "jan@example.nl",
        Phone = "+31 6 1234 5678",
        PreferredChannel = "Email",
        PreferredTime = "NoPreference",
        PsychologicalTrouble = true,
        Description = "Beschrijving",
        NoIncome = "no",
        DebtCollectionOrEviction = "yes",
        CrisisOrDanger = "no",
        Consent = true,
    };

    private static IReadOnlyList<FieldError> ErrorsOf(Action<IntakeForm> change)
    {
        var form = ValidForm();
        change(form);
        return IntakeValidator.Validate(form, Today).Errors;
    }

    [Fact]
    public void Valid_form_gives_parsed_values_and_computed_urgency()
    {
        var (errors, intake) = IntakeValidator.Validate(ValidForm(), Today);
        Assert.Empty(errors);
        Assert.NotNull(intake);
        Assert.Equal("Jan Jansen", intake.FullName);
        Assert.Equal("111222333", intake.Bsn);
        Assert.Equal(new DateOnly(1968, 3, 27), intake.DateOfBirth);
        Assert.Equal(ContactChannel.Email, intake.PreferredChannel);
        Assert.Equal(UrgencyLevel.High, UrgencyRule.Compute(intake.Urgency));
        Assert.False(intake.ForSomeoneElse);
        Assert.Null(intake.RepresentativeName);
    }

    [Theory]
    [InlineData("Jan\u200BJansen")] // zero-width space
    [InlineData("Jan Jansen\u202Eneslaj")] // right-to-left override
    [InlineData("Jan\u2066Jansen\u2069")] // isolate
    [InlineData("Jan\u00ADJansen")] // soft hyphen
    [InlineData("Jan\u200DJansen")] // zero-width joiner
    public void Names_with_hidden_characters_are_refused_with_a_message(string name)
    {
        Assert.Equal([("FullName", "Error.Name.HiddenCharacter")], ErrorsOf(f => f.FullName = name).Select(e => (e.Field, e.MessageKey)));
        Assert.Equal([("RepresentativeName", "Error.Name.HiddenCharacter")], ErrorsOf(f =>
        {
            f.FilingFor = "other";
            f.RepresentativeName = name;
            f.RepresentativeRelation = "Dochter";
            f.RepresentativeEmail = "dochter@example.nl";
            f.RepresentativeAuthorised = true;
        }).Select(e => (e.Field, e.MessageKey)));
    }

    [Theory]
    [InlineData("Zoë van 't Hof-Çelik")]
    [InlineData("José Ångström")]
    public void Names_with_accents_apostrophes_and_hyphens_pass(string name) =>
        Assert.Empty(ErrorsOf(f => f.FullName = name));

    [Fact]
    public void Empty_form_reports_every_required_field_in_page_order()
    {
        var (errors, intake) = IntakeValidator.Validate(new IntakeForm { IdempotencyKey = Guid.NewGuid().ToString() }, Today);
        Assert.Null(intake);
        Assert.Equal(
            ["FilingFor", "FullName", "Bsn", "BirthDay", "Email", "PreferredChannel", "AddressStreet", "EmotionalTrouble", "Description", "NoIncome", "DebtCollectionOrEviction", "CrisisOrDanger", "Consent"],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("12345678", "Error.Bsn.NineDigits")]
    [InlineData("123456789", "Error.Bsn.Invalid")]
    [InlineData("abcdefghi", "Error.Bsn.NineDigits")]
    public void Bad_bsn_gets_its_own_message(string bsn, string key) =>
        Assert.Equal(new FieldError("Bsn", key), Assert.Single(ErrorsOf(f => f.Bsn = bsn)));

    [Theory]
    [InlineData("31", "2", "1970", "Error.DateOfBirth.Invalid")]
    [InlineData("29", "2", "2023", "Error.DateOfBirth.Invalid")]
    [InlineData("29", "2", "2024", null)]
    [InlineData("1", "13", "1970", "Error.DateOfBirth.Invalid")]
    [InlineData("1", "1", "70", "Error.DateOfBirth.Invalid")]
    [InlineData("", "1", "1970", "Error.DateOfBirth.Incomplete")]
    [InlineData("22", "11", "2026", "Error.DateOfBirth.Future")]
    [InlineData("21", "11", "2026", null)]
    [InlineData("1", "1", "1899", "Error.DateOfBirth.TooOld")]
    [InlineData("-1", "1", "1970", "Error.DateOfBirth.Invalid")]
    public void Date_of_birth_must_be_a_real_date_in_the_past(string day, string month, string year, string? key)
    {
        var errors = ErrorsOf(f => (f.BirthDay, f.BirthMonth, f.BirthYear) = (day, month, year));
        if (key is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal(new FieldError("BirthDay", key), Assert.Single(errors));
        }
    }

    [Fact]
    public void At_least_one_way_of_contact_is_needed() =>
        Assert.Contains(new FieldError("Email", "Error.Contact.Required"), ErrorsOf(f => (f.Email, f.Phone) = (null, " ")));

    [Theory]
    [InlineData("jan@", "Error.Email.Invalid")]
    [InlineData("jan@localhost", "Error.Email.Invalid")]
    [InlineData("Jan <jan@example.nl>", "Error.Email.Invalid")]
    [InlineData("jan@example.nl.", "Error.Email.Invalid")]
    [InlineData("jan(werk)@example.nl", "Error.Email.Invalid")]
    [InlineData("jan piet@example.nl", "Error.Email.Invalid")]
    public void Bad_email_is_refused(string email, string key) =>
        Assert.Contains(new FieldError("Email", key), ErrorsOf(f => f.Email = email));

    [Theory]
    [InlineData("0612345678", true)]
    [InlineData("+31 (0)6-1234 5678", true)]
    [InlineData("12345", false)]
    [InlineData("06 1234 567a", false)]
    [InlineData("06+12345678", false)]
    public void Phone_numbers_need_ten_to_fifteen_digits(string phone, bool valid) =>
        Assert.Equal(valid, IntakeValidator.IsPhone(phone));

    [Fact]
    public void Preferred_channel_must_have_its_contact_detail()
    {
        Assert.Contains(new FieldError("PreferredChannel", "Error.PreferredChannel.NeedsEmail"), ErrorsOf(f => (f.Email, f.PreferredChannel) = (null, "Email")));
        Assert.Contains(new FieldError("PreferredChannel", "Error.PreferredChannel.NeedsPhone"), ErrorsOf(f => (f.Phone, f.PreferredChannel) = (null, "Phone")));
    }

    [Fact]
    public void Someone_who_gives_no_phone_number_is_not_asked_when_to_be_called()
    {
        var form = ValidForm();
        (form.Phone, form.PreferredTime) = (null, null);

        var (errors, intake) = IntakeValidator.Validate(form, Today);

        Assert.Empty(errors);
        Assert.Equal(Herstelmeldpunt.Web.Reports.ContactTime.NoPreference, intake!.PreferredTime);
    }

    [Fact]
    public void With_a_phone_number_of_the_person_or_the_helper_the_time_to_call_is_asked()
    {
        Assert.Contains(new FieldError("PreferredTime", "Error.PreferredTime.Required"), ErrorsOf(f => f.PreferredTime = null));
        Assert.Contains(new FieldError("PreferredTime", "Error.PreferredTime.Required"), ErrorsOf(f =>
        {
            (f.Phone, f.PreferredTime, f.FilingFor) = (null, null, "other");
            (f.RepresentativeName, f.RepresentativeRelation, f.RepresentativePhone, f.RepresentativeAuthorised) = ("Hulp", "Buur", "0612345678", true);
        }));
    }

    [Fact]
    public void Filing_for_someone_else_needs_representative_details_and_declaration()
    {
        var errors = ErrorsOf(f => f.FilingFor = "other");
        Assert.Equal(
            ["RepresentativeName", "RepresentativeRelation", "RepresentativeEmail", "RepresentativeAuthorised"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Filing_for_someone_else_with_details_is_valid()
    {
        var form = ValidForm();
        form.FilingFor = "other";
        form.RepresentativeName = "Piet Jansen";
        form.RepresentativeRelation = "broer";
        form.RepresentativePhone = "0201234567";
        form.RepresentativeAuthorised = true;
        var (errors, intake) = IntakeValidator.Validate(form, Today);
        Assert.Empty(errors);
        Assert.True(intake!.ForSomeoneElse);
        Assert.Equal("Piet Jansen", intake.RepresentativeName);
    }

    [Fact]
    public void Representative_fields_are_ignored_when_filing_for_yourself()
    {
        var form = ValidForm();
        form.RepresentativeName = "Should not be kept";
        var (_, intake) = IntakeValidator.Validate(form, Today);
        Assert.Null(intake!.RepresentativeName);
    }

    [Fact]
    public void Too_long_texts_are_refused()
    {
        Assert.Contains(new FieldError("Description", "Error.Description.TooLong"), ErrorsOf(f => f.Description = new string('x', FieldLimits.Description + 1)));
        Assert.Contains(new FieldError("FullName", "Error.FullName.TooLong"), ErrorsOf(f => f.FullName = new string('x', FieldLimits.Name + 1)));
        Assert.Empty(ErrorsOf(f => f.Description = new string('x', FieldLimits.Description)));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData(null)]
    public void Urgency_questions_need_a_yes_or_no(string? answer) =>
        Assert.Contains(new FieldError("CrisisOrDanger", "Error.CrisisOrDanger.Required"), ErrorsOf(f => f.CrisisOrDanger = answer));

    [Fact]
    public void Consent_and_a_kind_of_trouble_are_required()
    {
        Assert.Contains(new FieldError("Consent", "Error.Consent.Required"), ErrorsOf(f => f.Consent = false));
        Assert.Contains(new FieldError("EmotionalTrouble", "Error.Trouble.Required"), ErrorsOf(f => f.PsychologicalTrouble = false));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Missing_idempotency_key_is_an_error(string? key) =>
        Assert.Contains(new FieldError("IdempotencyKey", "Error.Form.Expired"), ErrorsOf(f => f.IdempotencyKey = key));

    [Fact]
    public void Without_an_email_address_an_address_for_letters_is_required()
    {
        void PhoneOnly(IntakeForm f)
        {
            f.Email = null;
            f.Phone = "06 12345678";
            f.PreferredChannel = "Phone";
        }

        Assert.Contains(new FieldError("AddressStreet", "Error.Address.RequiredWithoutEmail"), ErrorsOf(PhoneOnly));
        Assert.Empty(ErrorsOf(f =>
        {
            PhoneOnly(f);
            f.AddressStreet = "Dorpsstraat 12";
            f.AddressPostcode = "1234ab";
            f.AddressCity = "Amsterdam";
        }));
        Assert.Empty(ErrorsOf(f => f.AddressStreet = null)); // with email it may stay empty
    }

    [Fact]
    public void An_address_is_all_three_parts_with_a_house_number_and_a_Dutch_postcode()
    {
        Assert.Equal(
            [new FieldError("AddressStreet", "Error.Address.HouseNumber"), new FieldError("AddressPostcode", "Error.Address.Postcode"), new FieldError("AddressCity", "Error.Address.City")],
            ErrorsOf(f =>
            {
                f.AddressStreet = "Dorpsstraat";
                f.AddressPostcode = "12345";
            }));
        Assert.Contains(new FieldError("AddressStreet", "Error.Address.Street"), ErrorsOf(f =>
        {
            f.AddressPostcode = "1234 AB";
            f.AddressCity = "Utrecht";
        }));
    }

    [Fact]
    public void A_postcode_is_stored_in_the_postal_form()
    {
        var form = ValidForm();
        form.AddressStreet = "  Dorpsstraat   12 ";
        form.AddressPostcode = "1234ab";
        form.AddressCity = "Amsterdam";

        var (_, intake) = IntakeValidator.Validate(form, Today);

        Assert.Equal(new PostalAddress("Dorpsstraat 12", "1234 AB", "Amsterdam"), intake!.Address);
    }
}
