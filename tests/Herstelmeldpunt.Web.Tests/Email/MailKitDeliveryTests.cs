using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Email;

/// <summary>How the outbox treats what a real SMTP server answers: refusals, delays, order, one-time links, health.</summary>
public abstract class MailKitDeliveryTests<TFactory>
    where TFactory : AppFactory, new()
{
    private static OutboxSender Sender(AppFactory app) => app.Services.GetRequiredService<OutboxSender>();

    private static async Task<Guid> FileReportWithEmailAsync(AppFactory app, string email)
    {
        var answers = IntakeJourney.ValidAnswers("Mail Test");
        answers["Form.Email"] = email;
        await new IntakeJourney(app).FileReportAsync(answers);
        return (await app.WithDbAsync(db => db.Reports.ToListAsync())).Single(r => r.Email == email).Id; // the address is encrypted: compared after reading
    }

    private static OutboxMessage Message(string subject, OutboxPriority priority, DateTime createdAt) => new()
    {
        Id = Guid.NewGuid(),
        IdempotencyKey = "test:" + Guid.NewGuid(),
        ToAddress = "iemand@example.nl",
        Subject = subject,
        TextBody = "Tekst",
        Priority = priority,
        CreatedAt = createdAt,
        NextAttemptAt = createdAt,
    };

    private static async Task<string> ReadinessAsync(AppFactory app)
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));
    }

    [Fact]
    public async Task A_5xx_refusal_marks_the_message_failed_with_the_servers_reason_never_retries_it_and_shows_it_on_the_case_page()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var caseId = await FileReportWithEmailAsync(app, "weigert.dit@example.nl");

        Assert.Equal(0, await Sender(app).SendDueAsync(CancellationToken.None));
        var message = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId));
        Assert.NotNull(message.FailedAt);
        Assert.StartsWith("550", message.LastError, StringComparison.Ordinal);
        Assert.Contains("Mailbox unavailable", message.LastError, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Sender(app).SendDueAsync(CancellationToken.None));
        Assert.Equal(1, (await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId))).Attempts);
        Assert.Empty(smtp.Messages());
        Assert.Equal("Healthy", await ReadinessAsync(app)); // a refused address is not an outage

        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var casePage = await staff.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        var warning = casePage.Document.QuerySelector("[data-testid=mail-problems]");
        Assert.NotNull(warning);
        Assert.Contains("550", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("Geweigerd", warning.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_4xx_reply_is_transient_the_message_waits_and_is_tried_again()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var caseId = await FileReportWithEmailAsync(app, "later@example.nl");

        Assert.Equal(0, await Sender(app).SendDueAsync(CancellationToken.None));
        var message = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId));
        Assert.Null(message.FailedAt);
        Assert.Null(message.SentAt);
        Assert.StartsWith("451", message.LastError, StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(30), message.NextAttemptAt);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(0, await Sender(app).SendDueAsync(CancellationToken.None));
        Assert.Equal(2, (await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId))).Attempts);
    }

    [Fact]
    public async Task Staff_mail_queued_after_a_flood_of_receipts_goes_out_in_the_first_batch()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var start = app.Clock.GetUtcNow().UtcDateTime;
        var staffMessage = Message("Termijn verlopen", OutboxPriority.Staff, start.AddMinutes(1));
        await app.WithDbAsync(db =>
        {
            for (var i = 0; i < 120; i++)
            {
                db.OutboxMessages.Add(Message("Ontvangstbevestiging " + i, OutboxPriority.Receipt, start));
            }

            db.OutboxMessages.Add(staffMessage);
            return db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var (claimed, delivered) = await Sender(app).SendBatchAsync(20, CancellationToken.None);

        Assert.Equal((20, 20), (claimed, delivered));
        Assert.NotNull((await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == staffMessage.Id))).SentAt);
        Assert.Equal(20, smtp.Messages().Count);
        Assert.Equal(101, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)));
    }

    [Fact]
    public async Task A_booking_confirmation_arrives_with_its_calendar_file_attached_which_parses_back_to_the_same_time()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var slot = new Herstelmeldpunt.Web.Cases.Bookings.ConversationSlot
        {
            Id = Guid.NewGuid(),
            StartsAt = new DateTime(2026, 11, 25, 13, 0, 0, DateTimeKind.Utc),
            Minutes = 45,
            Mode = Herstelmeldpunt.Web.Cases.Bookings.SlotMode.Office,
            Location = "Kantoor Amsterdam, Postbus 00000",
            Purpose = Herstelmeldpunt.Web.Cases.Bookings.ConversationPurpose.Hearing,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            BookedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        var texts = app.Services.GetRequiredService<Herstelmeldpunt.Web.Localization.JsonStringLocalizer>();
        var message = Message("Uw afspraak staat vast", OutboxPriority.Reporter, app.Clock.GetUtcNow().UtcDateTime);
        message.CalendarFile = Herstelmeldpunt.Web.Cases.Bookings.CalendarFile.For(slot, "nl", texts);
        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(message);
            return db.SaveChangesAsync();
        });

        Assert.Equal(1, await Sender(app).SendDueAsync(CancellationToken.None));

        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(smtp.Messages())));
        var mime = await MimeKit.MimeMessage.LoadAsync(raw);
        var attachment = Assert.Single(mime.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal(("text/calendar", "afspraak.ics"), (attachment.ContentType.MimeType, attachment.FileName));
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var calendarEvent = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!.Events.Single();
        Assert.Equal((slot.StartsAt, slot.EndsAt), (calendarEvent.Start!.AsUtc, calendarEvent.End!.AsUtc));
        Assert.Equal(("Hoorzitting over uw bezwaar (Meldpunt herstelactie)", "Kantoor Amsterdam, Postbus 00000"), (calendarEvent.Summary, calendarEvent.Location));
    }

    [Fact]
    public async Task An_invitation_arrives_as_text_and_accessible_html_and_its_one_time_link_is_blanked_once_sent()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var user = new StaffUser { UserName = "nieuw@example.nl", Email = "nieuw@example.nl", DisplayName = "Nieuwe Collega" };
        const string link = "https://meldpunt.example.nl/backoffice/account/wachtwoord-instellen?code=GEHEIM123";
        await app.WithDbAsync(db =>
        {
            StaffAccounts.QueueInvitation(db, app.Clock, user, link, "invite:test");
            return db.SaveChangesAsync();
        });

        Assert.Equal(1, await Sender(app).SendDueAsync(CancellationToken.None));

        var raw = Assert.Single(smtp.Messages());
        Assert.Contains("multipart/alternative", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("(?im)^Message-Id: <[0-9a-f]{32}@example\\.nl>", raw);
        var mime = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
        Assert.Contains(link, mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h1", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Kies uw wachtwoord</a>", mime.HtmlBody, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.IdempotencyKey == "invite:test"));
        Assert.NotNull(stored.SentAt);
        Assert.Equal("invitation", stored.Template);
        Assert.Equal(string.Empty, stored.TextBody);
        Assert.Null(stored.HtmlBody);
    }

    [Fact]
    public async Task The_receipt_arrives_by_smtp_with_a_link_that_opens_Mijn_melding_and_its_body_is_then_blanked()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var caseId = await FileReportWithEmailAsync(app, "ontvanger@example.nl");
        Assert.Equal(1, await Sender(app).SendDueAsync(CancellationToken.None));

        var mime = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(smtp.Messages()))));
        var link = System.Text.RegularExpressions.Regex.Match(mime.TextBody ?? string.Empty, @"https?://\S+/mijn-melding/link/[A-Za-z0-9_-]+").Value;
        Assert.NotEmpty(link);
        Assert.Contains($"href=\"{link}\"", mime.HtmlBody, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId));
        Assert.Equal(string.Empty, stored.TextBody); // the link is not left readable in the database
        Assert.Equal("receipt", stored.Template);

        var page = await new ReporterSession(app).OpenAsync(link);
        Assert.Equal("screening", page.Document.QuerySelector("[data-testid=stage]")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task Readiness_is_degraded_while_smtp_keeps_refusing_and_when_the_oldest_mail_waits_too_long()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        smtp.Stop();
        await FileReportWithEmailAsync(app, "jan@example.nl");
        Assert.Equal(0, await Sender(app).SendDueAsync(CancellationToken.None));
        Assert.Equal("Healthy", await ReadinessAsync(app)); // one failure is not yet a problem

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, await Sender(app).SendDueAsync(CancellationToken.None));
        Assert.Equal("Degraded", await ReadinessAsync(app)); // refused for longer than two minutes

        smtp.Start();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Sender(app).SendDueAsync(CancellationToken.None));
        Assert.Equal("Healthy", await ReadinessAsync(app));

        // A message nobody could send for 20 minutes (for example while delivery was paused).
        await app.WithDbAsync(db =>
        {
            var old = Message("Oud", OutboxPriority.Reporter, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-20));
            old.NextAttemptAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(1);
            db.OutboxMessages.Add(old);
            return db.SaveChangesAsync();
        });
        Assert.Equal("Degraded", await ReadinessAsync(app));
    }
}

public sealed class MailKitDeliveryTestsOnSqlite : MailKitDeliveryTests<SqliteAppFactory>;

public sealed class MailKitDeliveryTestsOnPostgres : MailKitDeliveryTests<PostgresAppFactory>;
