using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Email;

/// <summary>What to queue: the rendered message and how to treat it.</summary>
public sealed record OutgoingEmail(string To, string Subject, string TextBody, string? HtmlBody = null)
{
    public string? Template { get; init; }

    /// <summary>The message's id, when the body names it (the "call me back" link); a new one otherwise.</summary>
    public Guid? Id { get; init; }

    public OutboxPriority Priority { get; init; } = OutboxPriority.Reporter;

    public Guid? CaseId { get; init; }

    public bool ContainsOneTimeLink { get; init; }

    /// <summary>A calendar file (RFC 5545) sent with it as an attachment, for a booked conversation; never personal data.</summary>
    public string? CalendarFile { get; init; }
}

/// <summary>Queues an email in the caller's unit of work: it is stored (and later sent) only if the caller's SaveChanges succeeds.</summary>
public static class EmailOutbox
{
    public static OutboxMessage Enqueue(AppDbContext db, TimeProvider clock, string idempotencyKey, OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(email);
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = email.Id ?? Guid.CreateVersion7(now),
            IdempotencyKey = idempotencyKey,
            ToAddress = email.To,
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            Template = email.Template,
            Priority = email.Priority,
            CaseId = email.CaseId,
            ContainsOneTimeLink = email.ContainsOneTimeLink,
            CalendarFile = email.CalendarFile,
            CreatedAt = now.UtcDateTime,
            NextAttemptAt = now.UtcDateTime,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>The case's mail that was refused or is being tried again, oldest first (the case page warns of it).</summary>
    public static async Task<List<OutboxMessage>> ProblemsOfCaseAsync(AppDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CaseId == caseId && (m.FailedAt != null || (m.SentAt == null && m.Attempts > 0)))
            .OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
    }
}
