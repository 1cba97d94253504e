using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// The intake form's rules. Errors come back in the order the fields appear on the page, so the
/// error summary reads top to bottom. <paramref name="today"/> is the date in the Netherlands.
/// </summary>
public static class IntakeValidator
{
    /// <summary>The page's form: read into typed answers, then judged.</summary>
    public static (IReadOnlyList<FieldError> Errors, ValidIntake? Intake) Validate(IntakeForm form, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Validate(form.ToInput(), today);
    }

    /// <summary>A report by any channel. Problems name the form's fields (the page's anchors; the API maps them to its members).</summary>
    public static (IReadOnlyList<FieldError> Errors, ValidIntake? Intake) Validate(IntakeInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        void Fail(string field, string key) => errors.Add(new FieldError(field, key));

        if (input.ForSomeoneElse.IsEmpty)
        {
            Fail(nameof(IntakeForm.FilingFor), "Error.FilingFor.Required");
        }

        var fullName = Name(input.FullName, nameof(IntakeForm.FullName), Fail);

        var bsn = Bsn.Normalize(input.Bsn);
        if (bsn.Length == 0)
        {
            Fail(nameof(IntakeForm.Bsn), "Error.Bsn.Required");
        }
        else if (!Bsn.HasNineDigits(bsn))
        {
            Fail(nameof(IntakeForm.Bsn), "Error.Bsn.NineDigits");
        }
        else if (!Bsn.PassesElevenCheck(bsn))
        {
            Fail(nameof(IntakeForm.Bsn), "Error.Bsn.Invalid");
        }

        var dateOfBirth = DateOfBirthRule.Check(input.DateOfBirth, today, key => Fail(nameof(IntakeForm.BirthDay), key));

        var (email, phone) = ContactRules.Contact(input.Email, input.Phone, nameof(IntakeForm.Email), nameof(IntakeForm.Phone), "Error.Contact.Required", Fail);
        var channel = ContactRules.Channel(input.PreferredChannel, email, phone, nameof(IntakeForm.PreferredChannel), Fail);
        var time = ContactRules.Time(input.PreferredTime, phone, input.IsForSomeoneElse ? input.RepresentativePhone : null, nameof(IntakeForm.PreferredTime), Fail);

        string? repName = null, repRelation = null, repEmail = null, repPhone = null;
        if (input.IsForSomeoneElse)
        {
            repName = Name(input.RepresentativeName, nameof(IntakeForm.RepresentativeName), Fail);
            repRelation = RequiredText(input.RepresentativeRelation, nameof(IntakeForm.RepresentativeRelation), FieldLimits.Relation, Fail);
            (repEmail, repPhone) = ContactRules.Contact(
                input.RepresentativeEmail, input.RepresentativePhone, nameof(IntakeForm.RepresentativeEmail), nameof(IntakeForm.RepresentativePhone), "Error.RepresentativeContact.Required", Fail);

            if (!input.RepresentativeAuthorised)
            {
                Fail(nameof(IntakeForm.RepresentativeAuthorised), "Error.RepresentativeAuthorised.Required");
            }
        }

        // Without an email address every message goes by letter: then an address is needed.
        var address = PostalAddress.Validate(input.AddressStreet, input.AddressPostcode, input.AddressCity, required: email is null && repEmail is null, "Address", Fail);

        if (!input.EmotionalTrouble && !input.PsychologicalTrouble && !input.FinancialTrouble)
        {
            Fail(nameof(IntakeForm.EmotionalTrouble), "Error.Trouble.Required");
        }

        var description = RequiredText(input.Description, nameof(IntakeForm.Description), FieldLimits.Description, Fail);

        var noIncome = YesNo(input.NoIncome, nameof(IntakeForm.NoIncome), Fail);
        var debt = YesNo(input.DebtCollectionOrEviction, nameof(IntakeForm.DebtCollectionOrEviction), Fail);
        var crisis = YesNo(input.CrisisOrDanger, nameof(IntakeForm.CrisisOrDanger), Fail);

        if (!input.Consent)
        {
            Fail(nameof(IntakeForm.Consent), "Error.Consent.Required");
        }

        if (input.IdempotencyKey == Guid.Empty)
        {
            // Not something a person can fix: the page treats it as a malformed request.
            Fail(nameof(IntakeForm.IdempotencyKey), "Error.Form.Expired");
        }

        if (errors.Count > 0)
        {
            return (errors, null);
        }

        return (errors, new ValidIntake(
            input.IdempotencyKey,
            input.IsForSomeoneElse,
            fullName!,
            bsn,
            dateOfBirth!.Value,
            email,
            phone,
            channel!.Value,
            time!.Value,
            repName,
            repRelation,
            repEmail,
            repPhone,
            input.EmotionalTrouble,
            input.PsychologicalTrouble,
            input.FinancialTrouble,
            description!,
            new UrgencyAnswers(crisis!.Value, noIncome!.Value, debt!.Value),
            address));
    }

    /// <summary>A required name without hidden characters (<see cref="HiddenCharacters"/>).</summary>
    private static string? Name(string? value, string field, Action<string, string> fail)
    {
        var name = RequiredText(value, field, FieldLimits.Name, fail);
        if (HiddenCharacters.In(name))
        {
            fail(field, "Error.Name.HiddenCharacter");
            return null;
        }

        return name;
    }

    /// <summary>A required text with a maximum length; messages "Error.{field}.Required" and "Error.{field}.TooLong".</summary>
    private static string? RequiredText(string? value, string field, int maxLength, Action<string, string> fail)
    {
        var text = ContactRules.Clean(value);
        if (text is null)
        {
            fail(field, $"Error.{field}.Required");
        }
        else if (text.Length > maxLength)
        {
            fail(field, $"Error.{field}.TooLong");
            return null;
        }

        return text;
    }

    private static bool? YesNo(Answer<bool> answer, string field, Action<string, string> fail)
    {
        if (answer.Value is null)
        {
            fail(field, answer.Problem ?? $"Error.{field}.Required");
        }

        return answer.Value;
    }

    /// <summary>A plain address that MimeKit — the parser the mail is sent with — reads back as itself.</summary>
    internal static bool IsEmail(string value) =>
        value.Length <= FieldLimits.Email
        && MimeKit.MailboxAddress.TryParse(value, out var address)
        && address.Address == value
        && address.Domain.Contains('.', StringComparison.Ordinal)
        && !address.Domain.EndsWith('.');

    /// <summary>Dutch or international numbers: digits with spaces, dashes, brackets and an optional leading +; 10 to 15 digits.</summary>
    internal static bool IsPhone(string value)
    {
        if (value.Length > FieldLimits.Phone)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var allowed = char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' || (c == '+' && i == 0);
            if (!allowed)
            {
                return false;
            }
        }

        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 15;
    }
}
