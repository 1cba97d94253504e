using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin.ApiClients;

/// <summary>
/// One system client: what it may do and how much it called. Rotating shows a new secret once and ends every
/// token issued with the old one; revoking (confirmed) ends the client and its tokens at once. Both are audited.
/// </summary>
public sealed class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public ApiClient Client { get; private set; } = new();

    public string? Secret { get; private set; }

    public string? NoticeKey { get; private set; }

    public string? ErrorKey { get; private set; }

    public int CallsLast24Hours { get; private set; }

    public sealed record SubscriptionRow(Guid Id, string Url, string Events, DateTime CreatedAt, int Waiting, int Failed);

    public sealed record DeliveryRow(DateTime CreatedAt, string EventType, Guid CaseId, int Attempts, int? LastStatus, string? LastError, DateTime? DeliveredAt, DateTime? FailedAt, DateTime NextAttemptAt);

    public IReadOnlyList<SubscriptionRow> Subscriptions { get; private set; } = [];

    public IReadOnlyList<DeliveryRow> Deliveries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        NoticeKey = melding switch { "ingetrokken" => "ApiClients.RevokedNotice", "opnieuw" => "ApiClients.ResentNotice", _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken cancellationToken)
    {
        var client = await db.Set<ApiClient>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null || client.RevokedAt is not null)
        {
            return NotFound();
        }

        Secret = ApiSecrets.NewSecret();
        client.SecretHash = ApiSecrets.Hash(Secret);
        client.SecretRotatedAt = clock.GetUtcNow().UtcDateTime;
        Audit.AuditLog.Record(db, clock, User, "api-client.secret-rotated", client.Id.ToString("D"), client.Name);
        await SaveAndEndTokensAsync(id, cancellationToken);
        Client = client;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool confirm, CancellationToken cancellationToken)
    {
        var client = await db.Set<ApiClient>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return NotFound();
        }

        if (!confirm)
        {
            ErrorKey = "ApiClients.Error.Confirm";
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        if (client.RevokedAt is null)
        {
            client.RevokedAt = clock.GetUtcNow().UtcDateTime;
            Audit.AuditLog.Record(db, clock, User, "api-client.revoked", client.Id.ToString("D"), client.Name);
            await SaveAndEndTokensAsync(id, cancellationToken);
        }

        return RedirectToPage("/BackOffice/Admin/ApiClients/Details", new { id, melding = "ingetrokken" });
    }

    /// <summary>Failed deliveries of one of the client's subscriptions are sent again from now on (the partner was down longer than the retries last).</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id, Guid subscription, CancellationToken cancellationToken)
    {
        var owned = await db.Set<WebhookSubscription>().AnyAsync(s => s.Id == subscription && s.ClientId == id && s.RemovedAt == null, cancellationToken);
        if (!owned)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Set<WebhookDelivery>().Where(d => d.SubscriptionId == subscription && d.FailedAt != null && d.DeliveredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FailedAt, (DateTime?)null).SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.RetryingSince, now), cancellationToken);
        Audit.AuditLog.Record(db, clock, User, "api-client.webhooks-resent", id.ToString("D"), $"{subscription:D}: {count}");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Admin/ApiClients/Details", new { id, melding = "opnieuw" });
    }

    /// <summary>The change and the end of every token issued to the client, together or not at all.</summary>
    private async Task SaveAndEndTokensAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<ApiToken>().Where(t => t.ClientId == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var client = await db.Set<ApiClient>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return false;
        }

        Client = client;
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-24);
        var actor = "client:" + id.ToString("D");
        CallsLast24Hours = await db.AccessLog.CountAsync(a => a.UserId == actor && a.At >= since, cancellationToken);
        var subscriptions = db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.ClientId == id && s.RemovedAt == null);
        Subscriptions = await subscriptions
            .OrderBy(s => s.CreatedAt)
            .Select(s => new SubscriptionRow(
                s.Id,
                s.Url,
                s.Events,
                s.CreatedAt,
                db.Set<WebhookDelivery>().Count(d => d.SubscriptionId == s.Id && d.DeliveredAt == null && d.FailedAt == null),
                db.Set<WebhookDelivery>().Count(d => d.SubscriptionId == s.Id && d.FailedAt != null && d.DeliveredAt == null)))
            .ToListAsync(cancellationToken);
        Deliveries = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => subscriptions.Select(s => s.Id).Contains(d.SubscriptionId))
            .OrderByDescending(d => d.CreatedAt)
            .Take(20)
            .Select(d => new DeliveryRow(d.CreatedAt, d.EventType, d.CaseId, d.Attempts, d.LastStatus, d.LastError, d.DeliveredAt, d.FailedAt, d.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return true;
    }
}
