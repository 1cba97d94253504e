using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// How a person (or their representative) can be reached, the rules written once for the intake form, staff intake,
/// the API and a contact change on Mijn melding: an email address or a phone number, each well-formed; a channel that
/// has what it needs; a time to be called only from someone with a phone number (<see cref="ContactRule"/>), otherwise
/// "no preference". Problems go to <c>fail(field, text key)</c> in page order. Thread-safe.
/// </summary>
public static class ContactRules
{
    /// <summary>An email address and/or a phone number: at least one, each well-formed when given. Returns them cleaned.</summary>
    public static (string? Email, string? Phone) Contact(
        string? emailInput, string? phoneInput, string emailField, string phoneField, string requiredKey, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        var email = Clean(emailInput);
        var phone = Clean(phoneInput);
        if (email is null && phone is null)
        {
            fail(emailField, requiredKey);
        }

        if (email is not null && !IntakeValidator.IsEmail(email))
        {
            fail(emailField, "Error.Email.Invalid");
        }

        if (phone is not null && !IntakeValidator.IsPhone(phone))
        {
            fail(phoneField, "Error.Phone.Invalid");
        }

        return (email, phone);
    }

    /// <summary>The channel chosen, which must have what it needs: a phone number for phone, an address for email.</summary>
    public static ContactChannel? Channel(string? input, string? email, string? phone, string field, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        ContactChannel? channel = input switch
        {
            nameof(ContactChannel.Phone) => ContactChannel.Phone,
            nameof(ContactChannel.Email) => ContactChannel.Email,
            _ => null,
        };
        if (channel is null)
        {
            fail(field, "Error.PreferredChannel.Required");
        }
        else if (channel == ContactChannel.Phone && phone is null)
        {
            fail(field, "Error.PreferredChannel.NeedsPhone");
        }
        else if (channel == ContactChannel.Email && email is null)
        {
            fail(field, "Error.PreferredChannel.NeedsEmail");
        }

        return channel;
    }

    /// <summary>The part of the day to be called; "no preference" when nobody has a phone number and none was chosen.</summary>
    public static ContactTime? Time(string? input, string? phone, string? representativePhone, string field, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        ContactTime? time = input switch
        {
            nameof(ContactTime.NoPreference) => ContactTime.NoPreference,
            nameof(ContactTime.Morning) => ContactTime.Morning,
            nameof(ContactTime.Afternoon) => ContactTime.Afternoon,
            _ => null,
        };
        if (time is null && string.IsNullOrEmpty(input) && !ContactRule.NeedsCallTime(Clean(phone), Clean(representativePhone)))
        {
            time = ContactTime.NoPreference;
        }

        if (time is null)
        {
            fail(field, "Error.PreferredTime.Required");
        }

        return time;
    }

    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
