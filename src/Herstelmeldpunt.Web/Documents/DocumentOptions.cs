namespace Herstelmeldpunt.Web.Documents;

/// <summary>Configuration section "Documents": where files live, how large, and the virus scanner.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Outside the web root; relative paths are under Database:DataDirectory.</summary>
    public string Directory { get; set; } = "documents";

    public long MaxBytesPerFile { get; set; } = 10 * 1024 * 1024;

    public int MaxFilesPerMessage { get; set; } = 10;

    /// <summary>Uploads checked and stored at once on this node, from the public pages (<see cref="UploadGate"/>).</summary>
    public int UploadsInFlight { get; set; } = 8;

    /// <summary>Uploads at once from one client (an IPv4 address or an IPv6 /64).</summary>
    public int UploadsInFlightPerClient { get; set; } = 2;

    /// <summary>Bytes one client may upload per clock hour on the public pages (a person sending everything twice needs 200 MB).</summary>
    public long UploadBytesPerClientPerHour { get; set; } = 300L * 1024 * 1024;

    /// <summary>clamd's TCP address. Empty: no scanner, so no uploads are accepted (never an unscanned file).</summary>
    public string? ClamAvHost { get; set; }

    public int ClamAvPort { get; set; } = 3310;

    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UploadsPossible => !string.IsNullOrWhiteSpace(ClamAvHost);
}
