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

    /// <summary>The channel chosen on a page (the enum's name); anything else is no choice.</summary>
    public static Answer<ContactChannel> ReadChannel(string? input) => input switch
    {
        nameof(ContactChannel.Phone) => Answer.Of(ContactChannel.Phone),
        nameof(ContactChannel.Email) => Answer.Of(ContactChannel.Email),
        _ => default,
    };

    /// <summary>The part of the day chosen on a page (the enum's name); nothing is no choice, anything else unreadable.</summary>
    public static Answer<ContactTime> ReadTime(string? input) => input switch
    {
        nameof(ContactTime.NoPreference) => Answer.Of(ContactTime.NoPreference),
        nameof(ContactTime.Morning) => Answer.Of(ContactTime.Morning),
        nameof(ContactTime.Afternoon) => Answer.Of(ContactTime.Afternoon),
        null or "" => default,
        _ => Answer.Unreadable<ContactTime>("Error.PreferredTime.Required"),
    };

    /// <summary>The channel chosen, which must have what it needs: a phone number for phone, an address for email.</summary>
    public static ContactChannel? Channel(Answer<ContactChannel> chosen, string? email, string? phone, string field, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        var channel = chosen.Value;
        if (channel is null)
        {
            fail(field, chosen.Problem ?? "Error.PreferredChannel.Required");
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
    public static ContactTime? Time(Answer<ContactTime> chosen, string? phone, string? representativePhone, string field, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        var time = chosen.Value;
        if (chosen.IsEmpty && !ContactRule.NeedsCallTime(Clean(phone), Clean(representativePhone)))
        {
            time = ContactTime.NoPreference;
        }

        if (time is null)
        {
            fail(field, chosen.Problem ?? "Error.PreferredTime.Required");
        }

        return time;
    }

    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
