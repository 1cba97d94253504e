using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Api;

/// <summary>Webhooks for case events: signed, retried with back-off through an outage, nothing lost, nothing twice, removable.</summary>
public abstract class WebhookTests<THost, TFactory>(THost host)
    where THost : ApiHost<TFactory>
    where TFactory : AppFactory, new()
{
    private static readonly string[] ReceivedOnly = [WebhookEvents.Received];
    private static readonly string[] UnknownEvent = ["case.deleted"];

    private Task<int> DeliverAsync() => host.App.Services.GetRequiredService<WebhookSender>().DeliverDueAsync(CancellationToken.None);

    /// <summary>The receiver's own check of a delivery, written from the Standard Webhooks description (not the app's code).</summary>
    private static bool SignatureHolds(string secret, WebhookReceiver.Delivery delivery)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(delivery.Signature));
    }

    private async Task<Guid> FileAsync(string token)
    {
        var bsn = TestBsn.Next();
        using var filed = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", token, ApiCalls.ValidReport(bsn), new Dictionary<string, string> { ["Idempotency-Key"] = "hook-" + bsn });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        return (await ApiCalls.JsonAsync(filed)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Events_are_signed_survive_an_outage_arrive_once_each_and_stop_when_the_subscription_is_removed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await host.TokenAsync(ApiScopes.CasesRead, ApiScopes.CasesWrite, ApiScopes.ProvisionsWrite);
        await DeliverAsync(); // whatever earlier tests left due

        using var subscribed = await host.SendAsync(HttpMethod.Post, "/api/v1/webhooks", token, new { url = receiver.Url.ToString(), events = WebhookEvents.All });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var subscription = await ApiCalls.JsonAsync(subscribed);
        var secret = subscription.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        using (var list = await host.SendAsync(HttpMethod.Get, "/api/v1/webhooks", token))
        {
            var listed = (await ApiCalls.JsonAsync(list)).GetProperty("items").EnumerateArray().Single();
            Assert.False(listed.TryGetProperty("secret", out _)); // only in the answer to the subscription
        }

        var first = await FileAsync(token);
        Assert.Equal(1, await DeliverAsync());
        var received = Assert.Single(receiver.Received);
        Assert.True(SignatureHolds(secret, received));
        Assert.Equal(WebhookEvents.Received, received.Type);
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(first, body.GetProperty("case").GetProperty("id").GetGuid());
        Assert.Equal($"/api/v1/cases/{first:D}", body.GetProperty("case").GetProperty("href").GetString());
        Assert.DoesNotContain("Partner Melder", received.Body, StringComparison.Ordinal);

        // The partner is down: two reports and a decision's provisions carried out happen meanwhile.
        receiver.Down = true;
        await FileAsync(token);
        await FileAsync(token);
        var decided = (await CaseSeed.AddAsync(host.App, 1, 9, "Haak", _ => "decision_final"))[0];
        using (var provisions = await host.SendAsync(HttpMethod.Post, $"/api/v1/cases/{decided.Id}/provisions-carried-out", token, new { note = "Nabetaald." }))
        {
            Assert.Equal(HttpStatusCode.OK, provisions.StatusCode);
        }

        Assert.Equal(0, await DeliverAsync());
        Assert.Equal(3, receiver.Refused);
        Assert.Equal(0, await DeliverAsync()); // not due again yet: back-off
        Assert.Equal(3, receiver.Refused);
        var subscriptionId = subscription.GetProperty("id").GetGuid();
        var waiting = await host.App.WithDbAsync(db => db.Set<WebhookDelivery>().Where(d => d.SubscriptionId == subscriptionId && d.DeliveredAt == null && d.FailedAt == null).ToListAsync());
        Assert.Equal(3, waiting.Count); // two reports received, one state change
        Assert.All(waiting, d => Assert.Equal((1, 503), (d.Attempts, d.LastStatus)));

        // Back up: everything arrives, each event once.
        receiver.Down = false;
        host.App.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(3, await DeliverAsync());
        Assert.Equal(4, receiver.Received.Count);
        Assert.Equal(4, receiver.Received.Select(r => r.Id).Distinct().Count());
        Assert.All(receiver.Received, r => Assert.True(SignatureHolds(secret, r)));
        Assert.Contains(receiver.Received, r => r.Type == WebhookEvents.StateChanged && r.Body.Contains(decided.Id.ToString(), StringComparison.Ordinal));

        // Removed: no more deliveries for it.
        using (var removed = await host.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{subscription.GetProperty("id").GetGuid()}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await FileAsync(token);
        await DeliverAsync();
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task A_paused_webhook_sweep_sends_nothing_and_sends_everything_once_resumed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await host.TokenAsync(ApiScopes.CasesRead, ApiScopes.CasesWrite);
        await DeliverAsync(); // whatever earlier tests left due
        using (var subscribed = await host.SendAsync(HttpMethod.Post, "/api/v1/webhooks", token, new { url = receiver.Url.ToString(), events = ReceivedOnly }))
        {
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }

        await host.App.WithDbAsync(db =>
        {
            db.Set<Herstelmeldpunt.Web.Scheduling.JobPause>().Add(new() { Job = Herstelmeldpunt.Web.Scheduling.BackgroundJobs.WebhookSweepId, PausedAt = host.App.Clock.GetUtcNow().UtcDateTime, PausedBy = "Beheerder" });
            return db.SaveChangesAsync();
        });
        try
        {
            await FileAsync(token);
            Assert.Equal(0, await DeliverAsync());
            Assert.Empty(receiver.Received);
        }
        finally
        {
            await host.App.WithDbAsync(db => db.Set<Herstelmeldpunt.Web.Scheduling.JobPause>().Where(p => p.Job == Herstelmeldpunt.Web.Scheduling.BackgroundJobs.WebhookSweepId).ExecuteDeleteAsync());
        }

        Assert.Equal(1, await DeliverAsync());
        Assert.Single(receiver.Received);
        Assert.Contains(Herstelmeldpunt.Web.Scheduling.BackgroundJobs.WebhookSweepId, Herstelmeldpunt.Web.Scheduling.BackgroundJobs.Sweeps); // on the jobs dashboard with a pause button
    }

    [Fact]
    public async Task A_partner_down_longer_than_the_retries_is_given_up_on_and_the_delivery_is_kept()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Down = true;
        var token = await host.TokenAsync(ApiScopes.CasesRead, ApiScopes.CasesWrite);
        using var subscribed = await host.SendAsync(HttpMethod.Post, "/api/v1/webhooks", token, new { url = receiver.Url.ToString(), events = ReceivedOnly });
        var subscriptionId = (await ApiCalls.JsonAsync(subscribed)).GetProperty("id").GetGuid();
        var caseId = await FileAsync(token);

        await DeliverAsync(); // refused: tried again in 30 s
        host.App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await DeliverAsync(); // refused again, a week after the event: given up
        var given = await host.App.WithDbAsync(db => db.Set<WebhookDelivery>().SingleAsync(d => d.SubscriptionId == subscriptionId));
        Assert.NotNull(given.FailedAt);
        Assert.Null(given.DeliveredAt);
        Assert.Equal(caseId, given.CaseId);

        // Given up is kept, and not tried again by itself even when the partner is back (an administrator sends it
        // again: ApiClientsPageTests); the record says why.
        receiver.Down = false;
        host.App.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await DeliverAsync());
        Assert.Empty(receiver.Received);
        Assert.Equal((2, 503), (given.Attempts, given.LastStatus));
    }

    [Fact]
    public async Task A_report_from_the_public_form_goes_to_each_live_subscription_that_asked_for_its_event_and_no_removed_one()
    {
        // The form's one look-up reads the subscriptions for the save (no second query): every live one with its events.
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await host.TokenAsync(ApiScopes.CasesRead);
        async Task<Guid> SubscribeAsync(string[] events)
        {
            using var subscribed = await host.SendAsync(HttpMethod.Post, "/api/v1/webhooks", token, new { url = receiver.Url.ToString(), events });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            return (await ApiCalls.JsonAsync(subscribed)).GetProperty("id").GetGuid();
        }

        var everything = await SubscribeAsync([.. WebhookEvents.All]);
        var changesOnly = await SubscribeAsync([WebhookEvents.StateChanged]);
        var removed = await SubscribeAsync(ReceivedOnly);
        using (var gone = await host.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{removed}", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        }

        var caseId = await host.App.FileReportAsync(TestBsn.Next());
        var ours = new[] { everything, changesOnly, removed };
        var deliveries = await host.App.WithDbAsync(db => db.Set<WebhookDelivery>().Where(d => d.CaseId == caseId && ours.Contains(d.SubscriptionId)).ToListAsync());
        Assert.Equal([(everything, WebhookEvents.Received)], deliveries.Select(d => (d.SubscriptionId, d.EventType)));

        await DeliverAsync(); // while the receiver listens, so nothing of this test waits for a later one
        foreach (var id in new[] { everything, changesOnly })
        {
            using var done = await host.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{id}", token);
        }
    }

    [Fact]
    public async Task A_subscription_needs_a_full_url_and_known_events()
    {
        var token = await host.TokenAsync(ApiScopes.CasesRead);
        using var refused = await host.SendAsync(HttpMethod.Post, "/api/v1/webhooks", token, new { url = "ftp://partner.example.nl/x", events = UnknownEvent });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var names = (await ApiCalls.JsonAsync(refused)).GetProperty("invalidParams").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["url", "events"], names);
        using var unknown = await host.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{Guid.NewGuid()}", token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

public sealed class WebhookTestsOnSqlite(SqliteApiHost host) : WebhookTests<SqliteApiHost, SqliteAppFactory>(host), IClassFixture<SqliteApiHost>;

public sealed class WebhookTestsOnPostgres(PostgresApiHost host) : WebhookTests<PostgresApiHost, PostgresAppFactory>(host), IClassFixture<PostgresApiHost>;

/// <summary>Where a webhook may go: never into this machine or a private network unless configured (tests do, for their receiver).</summary>
public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)] // cloud metadata
    [InlineData("100.64.0.1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::127.0.0.1", false)] // IPv4 inside IPv6 (issue 27, item 14)
    [InlineData("::10.0.0.1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::192.168.0.1", false)]
    [InlineData("2002:7f00:1::", false)] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1", false)] // 6to4 of 192.168.1.1
    [InlineData("64:ff9b::91.15.1.1", true)] // NAT64 of a public address
    [InlineData("172.32.0.1", true)]
    [InlineData("145.21.1.1", true)]
    [InlineData("2a02:a440::1", true)]
    public void Only_public_addresses_are_targets(string address, bool allowed) =>
        Assert.Equal(allowed, WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://partner.example.nl/hooks", false, true)]
    [InlineData("http://partner.example.nl/hooks", false, false)]
    [InlineData("http://127.0.0.1:5000/hook", true, true)]
    [InlineData("https://user:pw@partner.example.nl/hooks", false, false)]
    [InlineData("/relative", false, false)]
    [InlineData("", false, false)]
    public void Only_full_https_urls_without_credentials_are_accepted(string url, bool allowHttp, bool valid) =>
        Assert.Equal(valid, WebhookTargets.IsValidUrl(url, new WebhookOptions { AllowHttp = allowHttp }));
}
