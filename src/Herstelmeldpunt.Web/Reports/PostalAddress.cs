using System.Text.RegularExpressions;

namespace Herstelmeldpunt.Web.Reports;

/// <summary>An address for letters: street with house number, Dutch postcode ("1234 AB"), city.</summary>
public sealed partial record PostalAddress(string Street, string Postcode, string City)
{
    /// <summary>
    /// The rule, used at intake (public and staff) and when the person changes their details: all three
    /// parts or none; required when no email address reaches the person, because then every message
    /// goes by letter. The street needs a house number; the postcode is Dutch (people abroad call us).
    /// Messages name the field, in the order on the page.
    /// </summary>
    public static PostalAddress? Validate(string? street, string? postcode, string? city, bool required, string fieldPrefix, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        street = Clean(street);
        postcode = Clean(postcode);
        city = Clean(city);
        if (street is null && postcode is null && city is null)
        {
            if (required)
            {
                fail(fieldPrefix + "Street", "Error.Address.RequiredWithoutEmail");
            }

            return null;
        }

        var ok = true;
        if (street is null)
        {
            fail(fieldPrefix + "Street", "Error.Address.Street");
            ok = false;
        }
        else if (street.Length > FieldLimits.Street || !street.Any(char.IsDigit))
        {
            fail(fieldPrefix + "Street", street.Length > FieldLimits.Street ? "Error.Address.StreetTooLong" : "Error.Address.HouseNumber");
            ok = false;
        }

        var match = postcode is null ? null : DutchPostcode().Match(postcode);
        if (match is not { Success: true })
        {
            fail(fieldPrefix + "Postcode", "Error.Address.Postcode");
            ok = false;
        }

        if (city is null || city.Length > FieldLimits.City)
        {
            fail(fieldPrefix + "City", "Error.Address.City");
            ok = false;
        }

        return ok ? new PostalAddress(street!, $"{match!.Groups[1].Value} {match.Groups[2].Value.ToUpperInvariant()}", city!) : null;
    }

    /// <summary>The last line of an address block as Dutch post wants it: postcode, two spaces, the city in capitals.</summary>
    public static string PostcodeAndCity(string? postcode, string? city) => $"{postcode}  {city?.ToUpperInvariant()}";

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")]
    private static partial Regex DutchPostcode();
}
