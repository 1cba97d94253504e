using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>
/// Degraded (still serving) when mail is not getting out: the oldest unsent message is older than
/// Email:MaxQueueAge, or this node's SMTP server has refused or not answered for longer than Email:RefusalGrace.
/// </summary>
public sealed class MailHealthCheck(AppDbContext db, EmailOptions options, MailDeliveryState state, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (state.FailingSince is { } since && now - since > options.RefusalGrace)
        {
            return HealthCheckResult.Degraded($"The mail server has refused or not answered for {(int)(now - since).TotalMinutes} minutes.");
        }

        var oldest = await db.OutboxMessages.Where(m => m.SentAt == null && m.FailedAt == null).MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        return oldest is { } created && now.UtcDateTime - created > options.MaxQueueAge
            ? HealthCheckResult.Degraded($"The oldest unsent email is {(int)(now.UtcDateTime - created).TotalMinutes} minutes old.")
            : HealthCheckResult.Healthy();
    }
}
