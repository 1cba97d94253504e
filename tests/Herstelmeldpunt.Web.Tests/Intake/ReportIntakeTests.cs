using System.Net;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Intake;

/// <summary>
/// Storing a report from the public form, under load from one sender: one form stamp files one report, also when the
/// same form is sent under several keys at once; and reports racing for one email address queue one receipt between
/// them (the cap is a row claimed in the report's own save, not a count that two requests both read as zero).
/// </summary>
public abstract class ReportIntakeTests
{
    protected abstract AppFactory NewApp();

    private AppFactory App()
    {
        var app = NewApp();
        app.Settings["Intake:MinimumFillTime"] = "00:00:00";
        app.Settings["Intake:RequestsPerAddress"] = "1000";
        app.Settings["Intake:ReceiptMailInterval"] = "01:00:00";
        return app;
    }

    private static Dictionary<string, string?> WithKey(Guid key) => new() { ["Form.IdempotencyKey"] = key.ToString() };

    [Fact]
    public async Task One_form_stamp_files_one_report_and_the_same_form_under_a_new_key_is_refused()
    {
        await using var app = App();
        var journey = new IntakeJourney(app);
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Een Stempel"));

        Assert.Equal(HttpStatusCode.Redirect, (await journey.SendAsync(review)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await journey.SendAsync(review)).Status); // the same form again: its receipt
        var reused = await journey.Client.PostFormAsync(review, "/melden?handler=Submit", WithKey(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task The_same_form_sent_under_eight_keys_at_once_stores_one_report()
    {
        await using var app = App();
        var journey = new IntakeJourney(app);
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Acht Tegelijk"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => journey.Client.PostFormAsync(review, "/melden?handler=Submit", WithKey(Guid.NewGuid()))));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Redirect));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task Eight_reports_racing_for_one_email_address_store_eight_and_queue_one_receipt()
    {
        await using var app = App();
        var reviews = new List<(IntakeJourney Journey, HtmlPage Review)>();
        for (var i = 0; i < 8; i++)
        {
            var journey = new IntakeJourney(app);
            reviews.Add((journey, await journey.ContinueAsync(IntakeJourney.ValidAnswers($"Race Melder {i}")))); // one email address for all
        }

        var sent = await Task.WhenAll(reviews.Select(r => r.Journey.SendAsync(r.Review)));

        Assert.All(sent, s => Assert.Equal(HttpStatusCode.Redirect, s.Status));
        Assert.Equal(8, await app.WithDbAsync(db => db.Reports.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "receipt")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Web.Intake.ReceiptMailCap>().CountAsync()));

        app.Clock.Advance(TimeSpan.FromMinutes(61)); // an hour on, the next report gets its receipt
        await new IntakeJourney(app).FileReportAsync(IntakeJourney.ValidAnswers("Race Melder Later"));
        Assert.Equal(2, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "receipt")));
    }
}

public sealed class ReportIntakeTestsOnSqlite : ReportIntakeTests
{
    protected override AppFactory NewApp() => new SqliteAppFactory();
}

public sealed class ReportIntakeTestsOnPostgres : ReportIntakeTests
{
    protected override AppFactory NewApp() => new PostgresAppFactory();
}
