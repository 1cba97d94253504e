using System.Globalization;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// The intake form's rules. Errors come back in the order the fields appear on the page, so the
/// error summary reads top to bottom. <paramref name="today"/> is the date in the Netherlands.
/// </summary>
public static class IntakeValidator
{
    public static (IReadOnlyList<FieldError> Errors, ValidIntake? Intake) Validate(IntakeForm form, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        void Fail(string field, string key) => errors.Add(new FieldError(field, key));

        if (form.FilingFor is not ("self" or "other"))
        {
            Fail(nameof(form.FilingFor), "Error.FilingFor.Required");
        }

        var fullName = Name(form.FullName, nameof(form.FullName), Fail);

        var bsn = Bsn.Normalize(form.Bsn);
        if (bsn.Length == 0)
        {
            Fail(nameof(form.Bsn), "Error.Bsn.Required");
        }
        else if (!Bsn.HasNineDigits(bsn))
        {
            Fail(nameof(form.Bsn), "Error.Bsn.NineDigits");
        }
        else if (!Bsn.PassesElevenCheck(bsn))
        {
            Fail(nameof(form.Bsn), "Error.Bsn.Invalid");
        }

        var dateOfBirth = ValidateDateOfBirth(form, today, Fail);

        var (email, phone) = ContactRules.Contact(form.Email, form.Phone, nameof(form.Email), nameof(form.Phone), "Error.Contact.Required", Fail);
        var channel = ContactRules.Channel(form.PreferredChannel, email, phone, nameof(form.PreferredChannel), Fail);
        var time = ContactRules.Time(form.PreferredTime, phone, form.IsForSomeoneElse ? form.RepresentativePhone : null, nameof(form.PreferredTime), Fail);

        string? repName = null, repRelation = null, repEmail = null, repPhone = null;
        if (form.IsForSomeoneElse)
        {
            repName = Name(form.RepresentativeName, nameof(form.RepresentativeName), Fail);
            repRelation = RequiredText(form.RepresentativeRelation, nameof(form.RepresentativeRelation), FieldLimits.Relation, Fail);
            (repEmail, repPhone) = ContactRules.Contact(
                form.RepresentativeEmail, form.RepresentativePhone, nameof(form.RepresentativeEmail), nameof(form.RepresentativePhone), "Error.RepresentativeContact.Required", Fail);

            if (!form.RepresentativeAuthorised)
            {
                Fail(nameof(form.RepresentativeAuthorised), "Error.RepresentativeAuthorised.Required");
            }
        }

        // Without an email address every message goes by letter: then an address is needed.
        var address = PostalAddress.Validate(form.AddressStreet, form.AddressPostcode, form.AddressCity, required: email is null && repEmail is null, "Address", Fail);

        if (!form.EmotionalTrouble && !form.PsychologicalTrouble && !form.FinancialTrouble)
        {
            Fail(nameof(form.EmotionalTrouble), "Error.Trouble.Required");
        }

        var description = RequiredText(form.Description, nameof(form.Description), FieldLimits.Description, Fail);

        var noIncome = YesNo(form.NoIncome, nameof(form.NoIncome), Fail);
        var debt = YesNo(form.DebtCollectionOrEviction, nameof(form.DebtCollectionOrEviction), Fail);
        var crisis = YesNo(form.CrisisOrDanger, nameof(form.CrisisOrDanger), Fail);

        if (!form.Consent)
        {
            Fail(nameof(form.Consent), "Error.Consent.Required");
        }

        if (!Guid.TryParse(form.IdempotencyKey, out var key) || key == Guid.Empty)
        {
            // Not something a person can fix: the page treats it as a malformed request.
            Fail(nameof(form.IdempotencyKey), "Error.Form.Expired");
        }

        if (errors.Count > 0)
        {
            return (errors, null);
        }

        return (errors, new ValidIntake(
            key,
            form.IsForSomeoneElse,
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
            form.EmotionalTrouble,
            form.PsychologicalTrouble,
            form.FinancialTrouble,
            description!,
            new UrgencyAnswers(crisis!.Value, noIncome!.Value, debt!.Value),
            address));
    }

    private static DateOnly? ValidateDateOfBirth(IntakeForm form, DateOnly today, Action<string, string> fail) =>
        DateOfBirth(form.BirthDay, form.BirthMonth, form.BirthYear, today, key => fail(nameof(form.BirthDay), key));

    /// <summary>A date of birth typed as day, month and year: complete, a real date, in the past, from 1900 on. Also used where a person identifies with it (a link by post).</summary>
    internal static DateOnly? DateOfBirth(string? birthDay, string? birthMonth, string? birthYear, DateOnly today, Action<string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        var day = Clean(birthDay);
        var month = Clean(birthMonth);
        var year = Clean(birthYear);
        if (day is null && month is null && year is null)
        {
            fail("Error.DateOfBirth.Required");
            return null;
        }

        if (day is null || month is null || year is null)
        {
            fail("Error.DateOfBirth.Incomplete");
            return null;
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || year.Length != 4
            || m is < 1 or > 12
            || d < 1 || y < 1 || d > DateTime.DaysInMonth(y, m))
        {
            fail("Error.DateOfBirth.Invalid");
            return null;
        }

        var date = new DateOnly(y, m, d);
        if (date >= today)
        {
            fail("Error.DateOfBirth.Future");
            return null;
        }

        if (y < 1900)
        {
            fail("Error.DateOfBirth.TooOld");
            return null;
        }

        return date;
    }

    /// <summary>A required text with a maximum length; messages "Error.{field}.Required" and "Error.{field}.TooLong".</summary>
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

    private static string? RequiredText(string? value, string field, int maxLength, Action<string, string> fail)
    {
        var text = Clean(value);
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

    private static bool? YesNo(string? value, string field, Action<string, string> fail)
    {
        switch (value)
        {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                fail(field, $"Error.{field}.Required");
                return null;
        }
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
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
