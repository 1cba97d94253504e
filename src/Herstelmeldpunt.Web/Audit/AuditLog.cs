using System.Security.Claims;
using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Audit;

/// <summary>Adds an audit row to the context; the caller's SaveChanges stores it with the change itself.</summary>
public static class AuditLog
{
    public static void Record(AppDbContext db, TimeProvider clock, ClaimsPrincipal? actor, string action, string subject, string details = "")
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            At = now.UtcDateTime,
            ActorUserId = actor?.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = actor?.FindFirstValue("name") ?? actor?.Identity?.Name ?? "command line",
            Action = action,
            Subject = subject,
            Details = details,
        });
    }
}
