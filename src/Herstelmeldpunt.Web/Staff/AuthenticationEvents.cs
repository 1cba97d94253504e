using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// Sign-in and account-security events (NEN 7513, ASVS V7): an audit row and a structured log line each,
/// with the account (when known), the event and the client address — never the password, a code, or
/// what was typed as an address that matches no account. Scoped.
/// </summary>
public sealed partial class AuthenticationEvents(AppDbContext db, TimeProvider clock, IHttpContextAccessor http, ILogger<AuthenticationEvents> logger)
{
    public async Task RecordAsync(string action, StaffUser? account, CancellationToken cancellationToken = default)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = clock.GetUtcNow();
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            At = now.UtcDateTime,
            ActorUserId = account?.Id,
            ActorName = account?.DisplayName ?? "unknown account",
            Action = action,
            Subject = account?.Email ?? "unknown account",
            Details = "client " + address,
        });
        await db.SaveChangesAsync(cancellationToken);
        LogEvent(action, account?.Id ?? "unknown", address);
    }

    /// <summary>Only the log line, for a change whose audit row the caller writes in its own transaction.</summary>
    public void Log(string action, string accountId)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        LogEvent(action, accountId, address);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication event {Action} for account {AccountId} from {ClientAddress}")]
    private partial void LogEvent(string action, string accountId, string clientAddress);
}
