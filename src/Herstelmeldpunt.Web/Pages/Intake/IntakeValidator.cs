using System.Globalization;
using System.Net.Mail;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Pages.Intake;

/// <summary>A problem with one field: the field's name and the key of the message text.</summary>
public sealed record FieldError(string Field, string MessageKey);

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

        var fullName = Clean(form.FullName);
        if (fullName is null)
        {
            Fail(nameof(form.FullName), "Error.FullName.Required");
        }
        else if (fullName.Length > FieldLimits.Name)
        {
            Fail(nameof(form.FullName), "Error.FullName.TooLong");
        }

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

        var email = Clean(form.Email);
        var phone = Clean(form.Phone);
        if (email is null && phone is null)
        {
            Fail(nameof(form.Email), "Error.Contact.Required");
        }

        if (email is not null && !IsEmail(email))
        {
            Fail(nameof(form.Email), "Error.Email.Invalid");
        }

        if (phone is not null && !IsPhone(phone))
        {
            Fail(nameof(form.Phone), "Error.Phone.Invalid");
        }

        ContactChannel? channel = form.PreferredChannel switch
        {
            "Phone" => ContactChannel.Phone,
            "Email" => ContactChannel.Email,
            _ => null,
        };
        if (channel is null)
        {
            Fail(nameof(form.PreferredChannel), "Error.PreferredChannel.Required");
        }
        else if (channel == ContactChannel.Phone && phone is null)
        {
            Fail(nameof(form.PreferredChannel), "Error.PreferredChannel.NeedsPhone");
        }
        else if (channel == ContactChannel.Email && email is null)
        {
            Fail(nameof(form.PreferredChannel), "Error.PreferredChannel.NeedsEmail");
        }

        ContactTime? time = form.PreferredTime switch
        {
            "NoPreference" => ContactTime.NoPreference,
            "Morning" => ContactTime.Morning,
            "Afternoon" => ContactTime.Afternoon,
            _ => null,
        };
        if (time is null)
        {
            Fail(nameof(form.PreferredTime), "Error.PreferredTime.Required");
        }

        string? repName = null, repRelation = null, repEmail = null, repPhone = null;
        if (form.IsForSomeoneElse)
        {
            repName = Clean(form.RepresentativeName);
            if (repName is null)
            {
                Fail(nameof(form.RepresentativeName), "Error.RepresentativeName.Required");
            }
            else if (repName.Length > FieldLimits.Name)
            {
                Fail(nameof(form.RepresentativeName), "Error.RepresentativeName.TooLong");
            }

            repRelation = Clean(form.RepresentativeRelation);
            if (repRelation is null)
            {
                Fail(nameof(form.RepresentativeRelation), "Error.RepresentativeRelation.Required");
            }
            else if (repRelation.Length > FieldLimits.Relation)
            {
                Fail(nameof(form.RepresentativeRelation), "Error.RepresentativeRelation.TooLong");
            }

            repEmail = Clean(form.RepresentativeEmail);
            repPhone = Clean(form.RepresentativePhone);
            if (repEmail is null && repPhone is null)
            {
                Fail(nameof(form.RepresentativeEmail), "Error.RepresentativeContact.Required");
            }

            if (repEmail is not null && !IsEmail(repEmail))
            {
                Fail(nameof(form.RepresentativeEmail), "Error.Email.Invalid");
            }

            if (repPhone is not null && !IsPhone(repPhone))
            {
                Fail(nameof(form.RepresentativePhone), "Error.Phone.Invalid");
            }

            if (!form.RepresentativeAuthorised)
            {
                Fail(nameof(form.RepresentativeAuthorised), "Error.RepresentativeAuthorised.Required");
            }
        }

        if (!form.EmotionalTrouble && !form.PsychologicalTrouble && !form.FinancialTrouble)
        {
            Fail(nameof(form.EmotionalTrouble), "Error.Trouble.Required");
        }

        var description = Clean(form.Description);
        if (description is null)
        {
            Fail(nameof(form.Description), "Error.Description.Required");
        }
        else if (description.Length > FieldLimits.Description)
        {
            Fail(nameof(form.Description), "Error.Description.TooLong");
        }

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
            new UrgencyAnswers(crisis!.Value, noIncome!.Value, debt!.Value)));
    }

    private static DateOnly? ValidateDateOfBirth(IntakeForm form, DateOnly today, Action<string, string> fail)
    {
        var day = Clean(form.BirthDay);
        var month = Clean(form.BirthMonth);
        var year = Clean(form.BirthYear);
        if (day is null && month is null && year is null)
        {
            fail(nameof(form.BirthDay), "Error.DateOfBirth.Required");
            return null;
        }

        if (day is null || month is null || year is null)
        {
            fail(nameof(form.BirthDay), "Error.DateOfBirth.Incomplete");
            return null;
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || year.Length != 4
            || m is < 1 or > 12
            || d < 1 || y < 1 || d > DateTime.DaysInMonth(y, m))
        {
            fail(nameof(form.BirthDay), "Error.DateOfBirth.Invalid");
            return null;
        }

        var date = new DateOnly(y, m, d);
        if (date >= today)
        {
            fail(nameof(form.BirthDay), "Error.DateOfBirth.Future");
            return null;
        }

        if (y < 1900)
        {
            fail(nameof(form.BirthDay), "Error.DateOfBirth.TooOld");
            return null;
        }

        return date;
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

    internal static bool IsEmail(string value) =>
        value.Length <= FieldLimits.Email
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');

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
