using System.Net;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Herstelmeldpunt.Web.Tests.Pages.Intake;

/// <summary>
/// PostgreSQL goes away while a person sends the form (its connections reset, new ones refused, through a relay the test
/// cuts): the check page comes back with every answer, nothing is stored, and sending again once it is back stores the
/// report and its receipt exactly once.
/// </summary>
public sealed class DatabaseAwayTests
{
    [Fact]
    public async Task With_the_database_away_the_answers_stay_and_sending_again_stores_the_report_once()
    {
        using var database = PostgresDatabase.Create();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(direct.Host!, direct.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var app = new SharedPostgresAppFactory(viaRelay);
        app.Settings["Intake:MinimumFillTime"] = "00:00:00";
        app.Settings["Intake:ReceiptMailInterval"] = "01:00:00";
        var journey = new IntakeJourney(app);
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Database Weg"));

        await relay.CutAsync();
        var away = await journey.SendAsync(review);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, away.Status);
        Assert.Equal("Controleer uw antwoorden", away.H1);
        Assert.Contains("niet opslaan", string.Join(' ', away.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal("Database Weg", away.Document.QuerySelector("input[name='Form.FullName']")?.GetAttribute("value"));
        Assert.Equal(review.Document.QuerySelector("input[name='Form.IdempotencyKey']")?.GetAttribute("value"), away.Document.QuerySelector("input[name='Form.IdempotencyKey']")?.GetAttribute("value"));
        Assert.Equal(0, await PostgresSql.CountAsync(database.ConnectionString, """SELECT count(*) FROM "Reports" """));

        relay.Restore();
        // Connections the pool still holds from before fail once each, with the same page; the person sends again.
        var sent = away;
        for (var attempt = 0; attempt < 5 && sent.Status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            sent = await journey.SendAsync(sent);
        }

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await journey.SendAsync(away)).Status); // one more send of the same form: its receipt
        Assert.Equal(1, await PostgresSql.CountAsync(database.ConnectionString, """SELECT count(*) FROM "Reports" """));
        Assert.Equal(1, await PostgresSql.CountAsync(database.ConnectionString, """SELECT count(*) FROM "OutboxMessages" WHERE "Template" = 'receipt'"""));
    }
}
