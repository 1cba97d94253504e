using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Email;

public sealed class OutboxSenderTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Fact]
    public async Task A_malformed_address_is_refused_for_good_and_the_other_messages_still_go()
    {
        var bad = Guid.NewGuid();
        var good = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            foreach (var (id, to) in new[] { (bad, "geen adres"), (good, "goed@example.nl") })
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Id = id,
                    IdempotencyKey = "test:" + id,
                    ToAddress = to,
                    Subject = "Test",
                    TextBody = "x",
                    CreatedAt = AppFactory.DefaultNow.UtcDateTime,
                    NextAttemptAt = AppFactory.DefaultNow.UtcDateTime,
                });
            }

            return db.SaveChangesAsync();
        });

        var delivered = await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

        Assert.Equal(1, delivered);
        var messages = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == bad || m.Id == good).ToDictionaryAsync(m => m.Id));
        Assert.NotNull(messages[good].SentAt);
        Assert.Null(messages[bad].SentAt);
        Assert.Equal(1, messages[bad].Attempts);
        Assert.False(string.IsNullOrEmpty(messages[bad].LastError));
        Assert.NotNull(messages[bad].FailedAt); // it will not become valid by waiting
        Assert.Equal(0, await app.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
    }
}
