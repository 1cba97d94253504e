using MailKit.Security;

namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// Configuration section "Email". With no <see cref="SmtpHost"/>, messages are written as .eml files
/// to <see cref="PickupDirectory"/> (under the data directory), so the embedded default needs nothing installed.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "meldpunt-herstelactie@example.nl";

    /// <summary>
    /// How long a claimed batch is a node's: a node killed while sending leaves its batch to the others
    /// after this. Longer than a batch can take (a batch of 50 over one connection takes seconds).
    /// </summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(5);

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    /// <summary>
    /// MailKit's choice of TLS: <c>Auto</c> (TLS on connect for port 465, else STARTTLS when the server
    /// offers it), <c>StartTls</c> (required), <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c> or <c>None</c>.
    /// </summary>
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.Auto;

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>For connecting and for each command; a silent server counts as a transient failure after this.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Relative paths are under Database:DataDirectory.</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    /// <summary>Absolute base for links in emails, for example https://meldpunt.example.nl. Empty: taken from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>/health/ready reports degraded when the oldest unsent email is older than this.</summary>
    public TimeSpan MaxQueueAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>/health/ready reports degraded when the SMTP server has refused or not answered for longer than this.</summary>
    public TimeSpan RefusalGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The base when there is neither <see cref="PublicBaseUrl"/> nor a request (background work, the
    /// create-admin command): the first address the portal listens on (ASPNETCORE_URLS or --urls), with a
    /// wildcard host read as localhost; the development address when none is set.
    /// </summary>
    public string ListeningBaseUrl { get; set; } = "http://localhost:5064";

    /// <summary>Reads <see cref="ListeningBaseUrl"/> from the "urls" setting.</summary>
    public static string FirstListeningUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return "http://localhost:5064";
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The base for absolute links (no trailing slash): <see cref="PublicBaseUrl"/>, else the address of this request.</summary>
    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (PublicBaseUrl ?? $"{request.Scheme}://{request.Host}").TrimEnd('/');
    }
}
