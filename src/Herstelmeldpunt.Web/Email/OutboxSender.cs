using System.Net.Sockets;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Scheduling;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// Delivers due outbox messages with MailKit (or to the pickup directory); run by the Hangfire sweep
/// <see cref="OutboxSweep"/>, several at once. A batch is claimed by moving its next attempt into the
/// future (a lease; on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent senders take
/// different rows) in delivery order — staff mail first — and sent over one SMTP connection.
/// A 5xx reply (or an address that cannot be parsed) is permanent: the message is marked failed with
/// the server's reason and not retried. 4xx replies, socket errors and timeouts are transient: the
/// message is retried after 30 s, doubling up to one hour.
/// </summary>
public sealed partial class OutboxSender(IServiceScopeFactory scopes, EmailOptions options, DatabaseOptions database, BackgroundJobOptions jobs, MailDeliveryState state, TimeProvider clock, ILogger<OutboxSender> logger)
{
    private enum Result
    {
        Delivered,
        Transient,
        Permanent,
    }

    /// <summary>Sends until nothing is due (or the server fails a whole batch). Returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (claimed, delivered) = await SendBatchAsync(jobs.OutboxBatchSize, cancellationToken);
            total += delivered;
            if (claimed < jobs.OutboxBatchSize || delivered == 0)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>One batch over one connection. Returns how many were claimed and how many delivered.</summary>
    public async Task<(int Claimed, int Delivered)> SendBatchAsync(int size, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var batch = await ClaimAsync(db, clock.GetUtcNow().UtcDateTime, options.SendLease, size, cancellationToken);
        if (batch.Count == 0)
        {
            return (0, 0);
        }

        var delivered = 0;
        var done = 0;
        using var smtp = new SmtpClient { Timeout = (int)options.SmtpTimeout.TotalMilliseconds };
        string? connectionProblem = null;
        try
        {
            foreach (var message in batch)
            {
                var (result, reason) = connectionProblem is not null
                    ? (Result.Transient, connectionProblem)
                    : await DeliverAsync(smtp, message, cancellationToken);
                if (result == Result.Transient && !smtp.IsConnected && !string.IsNullOrWhiteSpace(options.SmtpHost))
                {
                    connectionProblem = reason; // the server is not there: the rest of the batch waits too
                }

                await RecordAsync(db, message, result, reason);
                delivered += result == Result.Delivered ? 1 : 0;
                done++;
            }
        }
        finally
        {
            if (done < batch.Count)
            {
                // Stopped half-way (shutdown): what was not tried is due again at once instead of after the lease.
                var rest = batch.Skip(done).Select(m => m.Id).ToList();
                var now = clock.GetUtcNow().UtcDateTime;
                await db.OutboxMessages.Where(m => rest.Contains(m.Id) && m.SentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), CancellationToken.None);
            }

            if (smtp.IsConnected)
            {
                await smtp.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }

        return (batch.Count, delivered);
    }

    /// <summary>Leases up to <paramref name="size"/> due messages, staff mail first; none while an administrator has paused delivery.</summary>
    private static async Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, DateTime now, TimeSpan lease, int size, CancellationToken cancellationToken)
    {
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : string.Empty;
#pragma warning disable EF1002 // the only text put into this SQL is the constant above; values are parameters
        var claimed = await db.OutboxMessages.FromSqlRaw(
            $$"""
            UPDATE "OutboxMessages" SET "NextAttemptAt" = {1}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "NextAttemptAt" <= {0}
                  AND NOT EXISTS (SELECT 1 FROM "JobPauses" WHERE "Job" = 'outbox-delivery')
                ORDER BY "Priority", "NextAttemptAt" LIMIT {2} {{skipLocked}})
            RETURNING *
            """, now, now + lease, size).AsNoTracking().ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return [.. claimed.OrderBy(m => m.Priority).ThenBy(m => m.CreatedAt)]; // RETURNING keeps no order
    }

    private async Task<(Result, string?)> DeliverAsync(SmtpClient smtp, OutboxMessage message, CancellationToken cancellationToken)
    {
        MimeMessage mime;
        try
        {
            mime = Build(message);
        }
        catch (ParseException)
        {
            return (Result.Permanent, "The address is not a valid email address.");
        }

        try
        {
            if (string.IsNullOrWhiteSpace(options.SmtpHost))
            {
                await WriteToPickupDirectoryAsync(mime, message.Id, cancellationToken);
                return (Result.Delivered, null);
            }

            if (!smtp.IsConnected)
            {
                await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpSecurity, cancellationToken);
                if (!string.IsNullOrEmpty(options.SmtpUserName))
                {
                    await smtp.AuthenticateAsync(options.SmtpUserName, options.SmtpPassword ?? string.Empty, cancellationToken);
                }
            }

            await smtp.SendAsync(mime, cancellationToken);
            return (Result.Delivered, null);
        }
        catch (SmtpCommandException exception)
        {
            // Decided on the reply code, as the spike measured: 5xx will not change by trying again.
            var code = (int)exception.StatusCode;
            return (code >= 500 ? Result.Permanent : Result.Transient, Limit($"{code} {exception.Message}"));
        }
        catch (Exception exception) when (exception is SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or UnauthorizedAccessException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (smtp.IsConnected && exception is not SmtpProtocolException)
            {
                return (Result.Transient, Limit($"{exception.GetType().Name}: {exception.Message}"));
            }

            // The connection is gone or unusable: the next message reconnects.
            if (smtp.IsConnected)
            {
                await smtp.DisconnectAsync(quit: false, CancellationToken.None);
            }

            return (Result.Transient, Limit($"{exception.GetType().Name}: {exception.Message}"));
        }
    }

    private MimeMessage Build(OutboxMessage message)
    {
        var from = MailboxAddress.Parse(options.From);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = clock.GetUtcNow(),
            // The same message twice carries the same Message-ID, so a mailbox can tell a repeat.
            MessageId = $"{message.Id:N}@{from.Domain}",
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.CalendarFile is { } calendar)
        {
            body.Attachments.Add(Cases.Bookings.CalendarFile.FileName, System.Text.Encoding.UTF8.GetBytes(calendar), ContentType.Parse(Cases.Bookings.CalendarFile.ContentType + "; charset=utf-8; method=PUBLISH"));
        }

        mime.Body = body.ToMessageBody(); // text alone, or multipart/alternative with the plain-text twin first
        return mime;
    }

    private async Task WriteToPickupDirectoryAsync(MimeMessage mime, Guid id, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.PickupDirectory, database.DataDirectory);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{id:N}.eml");
        var partial = file + ".tmp";
        await mime.WriteToAsync(partial, cancellationToken);
        File.Move(partial, file, overwrite: true); // whole files only: a reader never sees half a message
    }

    private async Task RecordAsync(AppDbContext db, OutboxMessage message, Result result, string? reason)
    {
        var now = clock.GetUtcNow();
        var attempts = message.Attempts + 1;
        var rows = db.OutboxMessages.Where(m => m.Id == message.Id);
        switch (result)
        {
            case Result.Delivered:
                state.Succeeded();
                if (message.ContainsOneTimeLink)
                {
                    // The link must not stay readable in the database; the template name says what was sent.
                    await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now.UtcDateTime).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.TextBody, string.Empty).SetProperty(m => m.HtmlBody, (string?)null), CancellationToken.None);
                }
                else
                {
                    await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now.UtcDateTime).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                }

                if (message.Template == ReceiptTemplate && message.CaseId is { } caseId)
                {
                    // The receipt we promised is delivered: the promise ledger's first row is kept.
                    await Cases.Promises.PromiseLedger.KeepReceiptsAsync(db, db.Reports.Where(r => r.Id == caseId).Select(r => r.Id), now, CancellationToken.None);
                }

                break;
            case Result.Permanent:
                await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, now.UtcDateTime).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, reason), CancellationToken.None);
                LogRefused(message.Id, message.Template ?? "-");
                break;
            default:
                state.Failed(now);
                var pause = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(attempts - 1, 10))));
                await rows.ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, reason).SetProperty(m => m.NextAttemptAt, now.UtcDateTime + pause), CancellationToken.None);
                LogDeliveryFailed(message.Id, attempts);
                break;
        }
    }

    private const string ReceiptTemplate = "receipt";

    private static string Limit(string text) => text.Length > 2000 ? text[..2000] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} not delivered (attempt {Attempts}); it will be tried again")]
    private partial void LogDeliveryFailed(Guid messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} ({Template}) refused for good; it will not be retried")]
    private partial void LogRefused(Guid messageId, string template);
}
