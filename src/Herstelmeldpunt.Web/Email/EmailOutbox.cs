using Herstelmeldpunt.Web.Data;

namespace Herstelmeldpunt.Web.Email;

/// <summary>Queues an email in the caller's unit of work: it is stored (and later sent) only if the caller's SaveChanges succeeds.</summary>
public static class EmailOutbox
{
    public static OutboxMessage Enqueue(AppDbContext db, TimeProvider clock, string idempotencyKey, string to, string subject, string textBody, string? htmlBody = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            IdempotencyKey = idempotencyKey,
            ToAddress = to,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            CreatedAt = now.UtcDateTime,
            NextAttemptAt = now.UtcDateTime,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
