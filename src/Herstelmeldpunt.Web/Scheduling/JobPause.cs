namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// A sweep an administrator paused (for example email delivery while the mail server is moved). A row
/// means paused; it lives in the application database so that a pause survives a restart and holds on
/// every node, whatever Hangfire's storage is. The sweeps' claims skip everything while it exists.
/// </summary>
public sealed class JobPause
{
    public string Job { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime PausedAt { get; set; }

    public string PausedBy { get; set; } = string.Empty;
}
