namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// Configuration section "ReportingPoint": how people reach the reporting point, shown wherever a page
/// says "contact us". The defaults are placeholders; production sets the real ones.
/// </summary>
public sealed class ReportingPointContact
{
    public const string Section = "ReportingPoint";

    public string Phone { get; set; } = "0800 000 0000";

    public string PhoneHours { get; set; } = "werkdagen 9.00 tot 17.00 uur";

    public string Email { get; set; } = "meldpunt-herstelactie@example.nl";

    public string PostalAddress { get; set; } = "Meldpunt herstelactie, Postbus 00000, 1000 AA Amsterdam";
}
