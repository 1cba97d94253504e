using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Email;

/// <summary>App + real SMTP server (aiosmtpd), on one database provider.</summary>
public abstract partial class EmailDeliveryTests<TFactory>
    where TFactory : AppFactory, new()
{
    private static async Task<int> DeliverDueAsync(AppFactory app) =>
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

    [Fact]
    public async Task The_receipt_email_arrives_through_smtp_with_text_and_html_and_no_personal_data()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        var answers = IntakeJourney.ValidAnswers("Vertrouwelijk Persoon");
        answers["Form.Bsn"] = "123456782";
        answers["Form.Description"] = "Gezondheidsklachten en schulden";
        var receipt = await new IntakeJourney(app).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();

        Assert.Equal(1, await DeliverDueAsync(app));

        var message = Assert.Single(smtp.Messages());
        Assert.Contains($"Uw melding {reference} is ontvangen", message, StringComparison.Ordinal);
        Assert.Contains("To: jan@example.nl", message, StringComparison.Ordinal);
        Assert.Contains("text/plain", message, StringComparison.Ordinal);
        Assert.Contains("text/html", message, StringComparison.Ordinal);
        foreach (var secret in new[] { "123456782", "Vertrouwelijk", "Gezondheid", "schulden" })
        {
            Assert.DoesNotContain(secret, message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, await DeliverDueAsync(app)); // sent once, not again
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task During_an_smtp_outage_reports_are_still_stored_and_every_mail_arrives_once_after_recovery()
    {
        using var smtp = new SmtpSink();
        await using var app = new TFactory { SmtpPort = smtp.Port };
        smtp.Stop();

        var journey = new IntakeJourney(app);
        for (var i = 0; i < 3; i++)
        {
            var page = await journey.FileReportAsync(IntakeJourney.ValidAnswers("Storing " + i));
            Assert.NotNull(page.Document.QuerySelector("[data-testid=reference]"));
        }

        Assert.Equal(0, await DeliverDueAsync(app));
        var failed = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.SentAt == null).ToListAsync());
        Assert.Equal(3, failed.Count);
        Assert.All(failed, m => Assert.Equal(1, m.Attempts));
        Assert.All(failed, m => Assert.False(string.IsNullOrEmpty(m.LastError)));

        // Not yet due again: the retry waits (30 s after the first failure).
        smtp.Start();
        Assert.Equal(0, await DeliverDueAsync(app));
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(3, await DeliverDueAsync(app));
        Assert.Equal(0, await DeliverDueAsync(app));

        Assert.Equal(3, smtp.Messages().Count);
        Assert.Equal(3, smtp.Messages().Select(m => MessageId().Match(m).Groups[1].Value).Where(id => id.Length > 0).Distinct().Count());
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.SentAt != null && m.LastError == null)));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Message-Id: <([^>]+)>", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MessageId();
}

public sealed class EmailDeliveryTestsOnSqlite : EmailDeliveryTests<SqliteAppFactory>;

public sealed class EmailDeliveryTestsOnPostgres : EmailDeliveryTests<PostgresAppFactory>;
