namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// Configuration section "Email". With no <see cref="SmtpHost"/>, messages are written as .eml files
/// to <see cref="PickupDirectory"/> (under the data directory), so the embedded default needs nothing installed.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "meldpunt-herstelactie@example.nl";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public bool SmtpEnableSsl { get; set; }

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Relative paths are under Database:DataDirectory.</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    /// <summary>Absolute base for links in emails, for example https://meldpunt.example.nl. Empty: taken from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The base for absolute links (no trailing slash): <see cref="PublicBaseUrl"/>, else the address of this request.</summary>
    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (PublicBaseUrl ?? $"{request.Scheme}://{request.Host}").TrimEnd('/');
    }
}
