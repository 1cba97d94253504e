using System.Net;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herstelmeldpunt.Web.Tests.Pages.Intake;

/// <summary>The public form against a flood: a rate limit per client (an IPv4 address or an IPv6 /64), a ceiling for all clients together, one receipt mail per address per hour, and a bot barrier without JavaScript.</summary>
public sealed class IntakeProtectionTests
{
    private static SqliteAppFactory App(int requestsPerAddress = 40, string minimumFillTime = "00:00:00", int reportsPerMinute = 300)
    {
        var app = new SqliteAppFactory();
        app.Settings["Intake:ReportsPerMinute"] = reportsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Intake:RequestsPerAddress"] = requestsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Intake:MinimumFillTime"] = minimumFillTime;
        app.Settings["Intake:ReceiptMailInterval"] = "01:00:00";
        return app;
    }

    [Fact]
    public async Task A_flood_from_one_address_gets_429_with_a_Dutch_page_and_every_report_sent_before_it_is_stored_once()
    {
        await using var app = App(requestsPerAddress: 20);
        var journey = new IntakeJourney(app);
        var submitted = 0;
        HtmlPage? refused = null;
        for (var i = 0; i < 30 && refused is null; i++)
        {
            var form = await journey.OpenFormAsync();
            if (form.Status == HttpStatusCode.TooManyRequests)
            {
                refused = form;
                break;
            }

            var answers = IntakeJourney.ValidAnswers($"Vloed {i}");
            answers["Form.Email"] = $"vloed{i}@example.nl";
            var review = await journey.Client.PostFormAsync(form, "/melden?handler=Review", answers);
            if (review.Status == HttpStatusCode.TooManyRequests)
            {
                refused = review;
                break;
            }

            var sent = await journey.SendAsync(review);
            if (sent.Status == HttpStatusCode.TooManyRequests)
            {
                refused = sent;
                break;
            }

            Assert.Equal(HttpStatusCode.Redirect, sent.Status);
            submitted++;
        }

        Assert.NotNull(refused);
        Assert.Contains("Even wachten", refused.H1, StringComparison.Ordinal);
        Assert.InRange(submitted, 6, 7); // 20 requests: three per report
        Assert.Equal(submitted, await app.WithDbAsync(db => db.Reports.CountAsync()));

        // Another forwarded address from an unknown sender does not open a new window.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/melden");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await journey.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_person_filing_three_reports_in_a_row_is_not_blocked_and_gets_one_receipt_mail_an_hour()
    {
        await using var app = App();
        var journey = new IntakeJourney(app);
        var receipts = new List<HtmlPage>();
        for (var i = 0; i < 3; i++)
        {
            receipts.Add(await journey.FileReportAsync(IntakeJourney.ValidAnswers($"Drie Keer {i}"))); // the same email address each time
        }

        Assert.Equal(3, await app.WithDbAsync(db => db.Reports.CountAsync()));
        // The receipt page says what the person will get: the mail the first time, and honestly no mail the next times.
        Assert.Equal(["Email", "NoMailThisTime", "NoMailThisTime"], receipts.Select(r => r.Document.QuerySelector("[data-testid=confirmation]")!.GetAttribute("data-channel")));
        Assert.Contains("geen e-mail", receipts[1].Document.QuerySelector("[data-testid=confirmation]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(AppFactory.TestContact.Phone, receipts[1].Document.QuerySelector("[data-testid=reach-us]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "receipt")));

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await journey.FileReportAsync(IntakeJourney.ValidAnswers("Drie Keer 3"));
        Assert.Equal(2, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "receipt")));
    }

    [Fact]
    public async Task A_form_with_the_hidden_field_filled_or_without_a_valid_start_is_refused_and_nothing_is_stored()
    {
        await using var app = App();
        var journey = new IntakeJourney(app);
        var form = await journey.OpenFormAsync();
        var withWebsite = IntakeJourney.ValidAnswers();
        withWebsite["Form.Website"] = "http://spam.example";
        var forged = IntakeJourney.ValidAnswers();
        forged["Form.StartedAt"] = "nep";

        var bot = await journey.Client.PostFormAsync(form, "/melden?handler=Review", withWebsite);
        var botSubmit = await journey.Client.PostFormAsync(form, "/melden?handler=Submit", withWebsite);
        var noStart = await journey.Client.PostFormAsync(form, "/melden?handler=Submit", forged);

        Assert.Equal(HttpStatusCode.BadRequest, bot.Status);
        Assert.Equal(HttpStatusCode.BadRequest, botSubmit.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noStart.Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task A_form_sent_back_within_seconds_is_shown_again_and_goes_through_a_moment_later()
    {
        await using var app = App(minimumFillTime: "00:00:03");
        var journey = new IntakeJourney(app);
        var form = await journey.OpenFormAsync();

        var tooFast = await journey.Client.PostFormAsync(form, "/melden?handler=Review", IntakeJourney.ValidAnswers());
        Assert.Contains("U was heel snel", string.Join(' ', tooFast.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync()));

        app.Clock.Advance(TimeSpan.FromSeconds(4));
        var review = await journey.Client.PostFormAsync(tooFast, "/melden?handler=Review", IntakeJourney.ValidAnswers());
        Assert.Equal("Controleer uw antwoorden", review.H1);
        Assert.Equal(HttpStatusCode.Redirect, (await journey.SendAsync(review)).Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task Every_address_of_one_IPv6_network_shares_one_window_and_another_network_has_its_own()
    {
        await using var app = App(requestsPerAddress: 5);
        app.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };

        async Task<HttpStatusCode> OpenFromAsync(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/melden");
            request.Headers.Add("X-Forwarded-For", address);
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        // The probe's trick: a new address of the same /64 for every request.
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 7; i++)
        {
            statuses.Add(await OpenFromAsync($"2001:db8:7:7::{i:x}"));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, await OpenFromAsync("2001:db8:7:8::1")); // the neighbouring network
        Assert.Equal(HttpStatusCode.OK, await OpenFromAsync("203.0.113.50"));
    }

    [Fact]
    public async Task Over_the_ceiling_for_all_addresses_a_person_keeps_the_answers_and_sends_again_a_minute_later()
    {
        await using var app = App(reportsPerMinute: 2);
        for (var i = 0; i < 2; i++)
        {
            await new IntakeJourney(app).FileReportAsync(IntakeJourney.ValidAnswers($"Drukte {i}"));
        }

        var journey = new IntakeJourney(app);
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Drukte Derde"));
        var busy = await journey.SendAsync(review);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.Status);
        Assert.Equal("Controleer uw antwoorden", busy.H1);
        Assert.Contains("erg druk", string.Join(' ', busy.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal("send", busy.Document.QuerySelector(".error-summary a")?.GetAttribute("href")?.TrimStart('#'));
        Assert.Equal("Drukte Derde", busy.Document.QuerySelector("input[name='Form.FullName']")?.GetAttribute("value"));
        Assert.Equal(2, await app.WithDbAsync(db => db.Reports.CountAsync()));
        Assert.Equal(HealthStatus.Degraded, await CeilingHealthAsync(app));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await journey.SendAsync(busy)).Status);
        Assert.Equal(3, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.FormStamp != null)));

        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HealthStatus.Healthy, await CeilingHealthAsync(app));
    }

    private static async Task<HealthStatus> CeilingHealthAsync(SqliteAppFactory app) =>
        (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "intake-ceiling")).Status;

    [Fact]
    public async Task A_form_opened_before_stamps_had_an_id_is_shown_again_with_the_answers_and_a_new_stamp()
    {
        await using var app = App();
        var journey = new IntakeJourney(app);
        var form = await journey.OpenFormAsync();
        var oldStamp = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Herstelmeldpunt.Intake.StartedAt")
            .Protect(app.Clock.GetUtcNow().AddMinutes(-5).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var answers = IntakeJourney.ValidAnswers("Oude Stempel");
        answers["Form.StartedAt"] = oldStamp;

        var again = await journey.Client.PostFormAsync(form, "/melden?handler=Submit", answers);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("bijgewerkt", string.Join(' ', again.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal("Oude Stempel", again.Document.QuerySelector("input[name='Form.FullName']")?.GetAttribute("value"));
        Assert.NotEqual(oldStamp, again.Document.QuerySelector("input[name='Form.StartedAt']")?.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync()));

        var review = await journey.Client.PostFormAsync(again, "/melden?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, (await journey.SendAsync(review)).Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }
}
