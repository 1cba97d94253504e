using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Email;

/// <summary>
/// Delivers due outbox messages through SMTP (or the pickup directory); run by the Quartz job
/// <see cref="Scheduling.OutboxDeliveryJob"/>. A message is claimed by moving its next attempt into the
/// future with a conditional update, so two app instances do not both send it; a failure is recorded
/// and retried with growing pauses (30 s doubling, at most one hour).
/// </summary>
public sealed partial class OutboxSender(IServiceScopeFactory scopes, EmailOptions options, DatabaseOptions database, TimeProvider clock, ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>One round: sends what is due now. Returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(20)
            .ToListAsync(cancellationToken);

        var delivered = 0;
        foreach (var message in due)
        {
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.SentAt == null && m.NextAttemptAt == message.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + Lease), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance has it
            }

            try
            {
                await DeliverAsync(message, cancellationToken);
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime).SetProperty(m => m.Attempts, message.Attempts + 1).SetProperty(m => m.LastError, (string?)null), cancellationToken);
                delivered++;
            }
            // Delivery problems (server down, refused, a malformed address) are recorded on the message
            // and retried later; they never stop the other messages of this run.
            catch (Exception exception) when (exception is SmtpException or IOException or InvalidOperationException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                var attempts = message.Attempts + 1;
                var pause = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(attempts - 1, 10))));
                var error = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, clock.GetUtcNow().UtcDateTime + pause), cancellationToken);
                LogDeliveryFailed(message.Id, attempts, exception.GetType().Name);
            }
        }

        return delivered;
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage(options.From, message.ToAddress)
        {
            Subject = message.Subject,
            Body = message.TextBody,
            IsBodyHtml = false,
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
        if (message.HtmlBody is not null)
        {
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        }

        // The same message twice carries the same Message-ID, so a mailbox can tell a repeat.
        mail.Headers.Add("Message-ID", $"<{message.Id:N}@herstelmeldpunt>");

        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            var directory = Path.GetFullPath(options.PickupDirectory, database.DataDirectory);
            Directory.CreateDirectory(directory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = directory;
        }
        else
        {
            client.Host = options.SmtpHost;
            client.Port = options.SmtpPort;
            client.EnableSsl = options.SmtpEnableSsl;
            if (!string.IsNullOrEmpty(options.SmtpUserName))
            {
                client.Credentials = new NetworkCredential(options.SmtpUserName, options.SmtpPassword);
            }
        }

        await client.SendMailAsync(mail, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} not delivered (attempt {Attempts}): {Reason}")]
    private partial void LogDeliveryFailed(Guid messageId, int attempts, string reason);
}
