namespace Herstelmeldpunt.Web.Reporters;

/// <summary>
/// A one-time link to Mijn melding, for one report. Only the SHA-256 of the token is stored; the token
/// itself exists in the email that carries it (whose body is blanked once sent).
/// </summary>
public sealed class ReporterAccessToken
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    /// <summary>Hex SHA-256 of the token.</summary>
    public string TokenHash { get; set; } = string.Empty;

    /// <summary>The link went to the representative's address: the session acts as the representative.</summary>
    public bool ForRepresentative { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>UTC; set when the link was used (it works once).</summary>
    public DateTime? UsedAt { get; set; }
}
