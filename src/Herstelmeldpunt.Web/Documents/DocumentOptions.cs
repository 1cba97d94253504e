namespace Herstelmeldpunt.Web.Documents;

/// <summary>Configuration section "Documents": where files live, how large, and the virus scanner.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Outside the web root; relative paths are under Database:DataDirectory.</summary>
    public string Directory { get; set; } = "documents";

    public long MaxBytesPerFile { get; set; } = 10 * 1024 * 1024;

    public int MaxFilesPerMessage { get; set; } = 10;

    /// <summary>clamd's TCP address. Empty: no scanner, so no uploads are accepted (never an unscanned file).</summary>
    public string? ClamAvHost { get; set; }

    public int ClamAvPort { get; set; } = 3310;

    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UploadsPossible => !string.IsNullOrWhiteSpace(ClamAvHost);
}
