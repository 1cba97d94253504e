using System.Net;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>An administrator registers a system client, sees its secret once, rotates it and revokes the client.</summary>
public abstract class ApiClientsPageTests(AppFactory app)
{
    [Fact]
    public async Task The_secret_is_shown_once_stored_only_as_a_hash_and_rotating_or_revoking_ends_the_old_one()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var form = await admin.Client.GetPageAsync("/backoffice/beheer/koppelingen/nieuw");

        var empty = await admin.Client.PostFormAsync(form, "/backoffice/beheer/koppelingen/nieuw", new Dictionary<string, string?> { ["Name"] = "", ["Contact"] = "geen adres", ["RequestsPerMinute"] = "0" });
        Assert.Equal(["#Name", "#Contact", "#Scope_cases_read", "#RequestsPerMinute"], empty.ErrorSummaryLinks);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ApiClient>().CountAsync(c => c.Contact == "geen adres")));

        var name = "Zaaksysteem " + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.Client.PostFormAsync(form, "/backoffice/beheer/koppelingen/nieuw", new Dictionary<string, string?> { ["Name"] = name, ["Contact"] = "team@partner.example.nl", ["Scopes"] = ApiScopes.CasesRead, ["RequestsPerMinute"] = "60" });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var clientId = Guid.Parse(created.Document.QuerySelector("[data-testid=client-id]")!.TextContent);
        var secret = created.Document.QuerySelector("[data-testid=client-secret]")!.TextContent;
        var stored = await app.WithDbAsync(db => db.Set<ApiClient>().SingleAsync(c => c.Id == clientId));
        Assert.Equal((name, ApiScopes.CasesRead, 60, ApiSecrets.Hash(secret)), (stored.Name, stored.Scopes, stored.RequestsPerMinute, stored.SecretHash));
        Assert.DoesNotContain(secret, (await admin.Client.GetPageAsync($"/backoffice/beheer/koppelingen/{clientId}")).Html, StringComparison.Ordinal);
        Assert.Contains(name, (await admin.Client.GetPageAsync("/backoffice/beheer/koppelingen")).Html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "api-client.registered" && a.Subject == clientId.ToString("D"))));

        // Rotating: a new secret, shown once; the tokens of the old one are gone.
        await app.WithDbAsync(async db =>
        {
            db.Set<ApiToken>().Add(new ApiToken { TokenHash = ApiSecrets.Hash("oud-token"), ClientId = clientId, Scopes = ApiScopes.CasesRead, IssuedAt = app.Clock.GetUtcNow().UtcDateTime, ExpiresAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(1) });
            return await db.SaveChangesAsync();
        });
        var details = await admin.Client.GetPageAsync($"/backoffice/beheer/koppelingen/{clientId}");
        var rotated = await admin.Client.PostFormAsync(details, $"/backoffice/beheer/koppelingen/{clientId}?handler=Rotate", formSelector: "form[action$='handler=Rotate']");
        var newSecret = rotated.Document.QuerySelector("[data-testid=client-secret]")!.TextContent;
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(ApiSecrets.Hash(newSecret), await app.WithDbAsync(db => db.Set<ApiClient>().Where(c => c.Id == clientId).Select(c => c.SecretHash).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.ClientId == clientId)));

        // Revoking needs the box ticked.
        details = await admin.Client.GetPageAsync($"/backoffice/beheer/koppelingen/{clientId}");
        var unconfirmed = await admin.Client.PostFormAsync(details, $"/backoffice/beheer/koppelingen/{clientId}?handler=Revoke", formSelector: "form[action$='handler=Revoke']");
        Assert.Equal(["#Confirm"], unconfirmed.ErrorSummaryLinks);
        Assert.Null(await app.WithDbAsync(db => db.Set<ApiClient>().Where(c => c.Id == clientId).Select(c => c.RevokedAt).SingleAsync()));
        var revoked = await admin.Client.PostFormAsync(details, $"/backoffice/beheer/koppelingen/{clientId}?handler=Revoke", new Dictionary<string, string?> { ["Confirm"] = "true" }, formSelector: "form[action$='handler=Revoke']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.NotNull(await app.WithDbAsync(db => db.Set<ApiClient>().Where(c => c.Id == clientId).Select(c => c.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_sees_the_webhook_deliveries_and_sends_the_given_up_ones_again()
    {
        var admin = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var client = new ApiClient { Id = Guid.NewGuid(), Name = "Haken " + Guid.NewGuid().ToString("N")[..6], Contact = "t@example.nl", Scopes = ApiScopes.CasesRead, SecretHash = ApiSecrets.Hash("x"), CreatedAt = now, CreatedBy = "test" };
        var subscription = new WebhookSubscription { Id = Guid.NewGuid(), ClientId = client.Id, Url = "https://partner.example.nl/hooks", Events = WebhookEvents.Received, Secret = WebhookSignature.NewSecret(), CreatedAt = now };
        var given = new WebhookDelivery { Id = Guid.NewGuid(), SubscriptionId = subscription.Id, EventId = Guid.NewGuid(), EventType = WebhookEvents.Received, CaseId = Guid.NewGuid(), Payload = "{}", CreatedAt = now.AddDays(-8), RetryingSince = now.AddDays(-8), NextAttemptAt = now.AddDays(-1), Attempts = 90, LastStatus = 503, LastError = "HTTP 503", FailedAt = now.AddDays(-1) };
        await app.WithDbAsync(async db =>
        {
            db.AddRange(client, subscription, given);
            return await db.SaveChangesAsync();
        });

        var page = await admin.Client.GetPageAsync($"/backoffice/beheer/koppelingen/{client.Id}");
        Assert.Contains("https://partner.example.nl/hooks", page.Document.QuerySelector("[data-testid=webhooks]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", page.Document.QuerySelector("[data-testid=deliveries]")!.TextContent, StringComparison.Ordinal);

        var resent = await admin.Client.PostFormAsync(page, $"/backoffice/beheer/koppelingen/{client.Id}?handler=Resend", formSelector: "form[action$='handler=Resend']");
        Assert.Equal(HttpStatusCode.Redirect, resent.Status);
        var again = await app.WithDbAsync(db => db.Set<WebhookDelivery>().SingleAsync(d => d.Id == given.Id));
        Assert.Null(again.FailedAt);
        Assert.Equal(now, again.NextAttemptAt);
        Assert.Equal(now, again.RetryingSince); // a new week of tries
        Assert.Equal(now.AddDays(-8), again.CreatedAt); // the event's time stays
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "api-client.webhooks-resent" && a.Subject == client.Id.ToString("D"))));
    }

    [Fact]
    public async Task Only_administrators_reach_the_clients()
    {
        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        using var response = await manager.Client.GetAsync(new Uri("/backoffice/beheer/koppelingen", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/backoffice/geen-toegang", response.Headers.Location!.OriginalString.Replace("https://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

public sealed class ApiClientsPageTestsOnSqlite(SqliteAppFactory app) : ApiClientsPageTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ApiClientsPageTestsOnPostgres(PostgresAppFactory app) : ApiClientsPageTests(app), IClassFixture<PostgresAppFactory>;
