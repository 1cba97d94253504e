namespace Herstelmeldpunt.Web.Documents;

/// <summary>
/// A file sent with a case, by the reporter (Mijn melding) or by staff. The bytes are in a file named
/// after <see cref="Id"/> under the documents folder (never under the web root); the name the sender
/// gave is kept for display only.
/// </summary>
public sealed class CaseDocument
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The sender's file name, cleaned (no path, no control characters), for display.</summary>
    public string FileName { get; set; } = string.Empty;

    /// <summary>Decided from the content, never from the name.</summary>
    public string ContentType { get; set; } = string.Empty;

    public long Size { get; set; }

    /// <summary>Hex SHA-256 of the content.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime UploadedAt { get; set; }

    /// <summary>"Reporter", "Representative" or "Staff".</summary>
    public string UploadedBy { get; set; } = string.Empty;

    public string? UploadedByName { get; set; }
}
