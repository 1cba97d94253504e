namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Configuration section "ReportingPoint": how people reach the reporting point, shown wherever a page, mail or letter
/// says "contact us" (also the objection address in letters). The defaults are placeholders: the portal warns at
/// start-up while any is left, and refuses to start in Production (<see cref="PlaceholderSettings"/>).
/// </summary>
public sealed class ReportingPointContact
{
    public const string Section = "ReportingPoint";

    private static readonly ReportingPointContact Placeholders = new();

    public string Phone { get; set; } = "0800 000 0000";

    /// <summary>When the phone is answered, in Dutch.</summary>
    public string PhoneHours { get; set; } = "werkdagen 9.00 tot 17.00 uur";

    /// <summary>When the phone is answered, in English (for pages and letters in English).</summary>
    public string PhoneHoursEnglish { get; set; } = "working days 9:00 to 17:00";

    public string Email { get; set; } = "meldpunt-herstelactie@example.nl";

    public string PostalAddress { get; set; } = "Meldpunt herstelactie, Postbus 00000, 1000 AA Amsterdam";

    /// <summary>The phone hours in the person's language.</summary>
    public string HoursIn(string language) => language == "en" ? PhoneHoursEnglish : PhoneHours;

    /// <summary>The settings that are empty or still hold the shipped placeholder (a number nobody answers, a post box that does not exist).</summary>
    public IReadOnlyList<string> PlaceholderSettings()
    {
        var left = new List<string>();
        if (string.IsNullOrWhiteSpace(Phone) || Phone == Placeholders.Phone)
        {
            left.Add($"{Section}:{nameof(Phone)}");
        }

        if (string.IsNullOrWhiteSpace(Email) || Email == Placeholders.Email)
        {
            left.Add($"{Section}:{nameof(Email)}");
        }

        if (string.IsNullOrWhiteSpace(PostalAddress) || PostalAddress == Placeholders.PostalAddress)
        {
            left.Add($"{Section}:{nameof(PostalAddress)}");
        }

        return left;
    }
}
