using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>
/// A sweep an administrator paused (for example email delivery while the mail server is moved). A row
/// means paused; it lives in the application database so that a pause survives a restart and holds on
/// every node, whatever Hangfire's storage is.
/// </summary>
public sealed class JobPause
{
    public string Job { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime PausedAt { get; set; }

    public string PausedBy { get; set; } = string.Empty;

    public static Task<bool> IsPausedAsync(AppDbContext db, string job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<JobPause>().AnyAsync(p => p.Job == job, cancellationToken);
    }
}
