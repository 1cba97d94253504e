using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.DataProtection;

namespace Herstelmeldpunt.Web.Cases.Lists;

/// <summary>
/// A search for a person (a BSN or a name) travels in a list's address as an opaque token, protected by
/// the data-protection keys: the search form is posted and answered with a redirect to the list with the
/// token, so paging, bookmarks and saved filters work while the BSN stays out of addresses and logs. A
/// reference number is not personal data and stays readable. Singleton.
/// </summary>
public sealed class SearchTokens(IDataProtectionProvider provider)
{
    public const char Marker = '~';

    private readonly IDataProtector protector = provider.CreateProtector("Herstelmeldpunt.CaseSearch");

    /// <summary>The filter as its address should carry it: a person search hidden in a token.</summary>
    public CaseFilter Hide(CaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.SearchText is { } text && IsPersonSearch(text)
            ? filter with { Search = Marker + protector.Protect(text), SearchText = text }
            : filter;
    }

    /// <summary>The filter with its token read (a token from another installation or tampered with searches nothing).</summary>
    public CaseFilter Reveal(CaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Search is not { Length: > 1 } token || token[0] != Marker)
        {
            return filter;
        }

        try
        {
            return filter with { SearchText = protector.Unprotect(token[1..]) };
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return filter with { SearchText = null };
        }
    }

    /// <summary>Anything but a reference number (with "HM", or one that is not also a valid BSN).</summary>
    private static bool IsPersonSearch(string text) =>
        !(ReferenceNumber.Parse(text) is not null && (!Bsn.IsValid(text) || text.StartsWith("HM", StringComparison.OrdinalIgnoreCase)));
}
