using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// A system client (koppeling): a partner system that uses the API. Registered by an administrator, who
/// sees its secret once. Only a hash of the secret is kept; rotating replaces it and ends every token
/// issued with the old one; revoking ends the client (ADR 0018).
/// </summary>
public sealed class ApiClient
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Who to call when the client misbehaves: a team's address, not a person's private one.</summary>
    public string Contact { get; set; } = string.Empty;

    /// <summary>Space-separated <see cref="ApiScopes"/>.</summary>
    public string Scopes { get; set; } = string.Empty;

    /// <summary>SHA-256 of the secret (hex). The secret is 256 random bits, so a fast hash is enough.</summary>
    public string SecretHash { get; set; } = string.Empty;

    /// <summary>Requests per minute before 429; per client, per node.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime? SecretRotatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>An access token issued by the client-credentials flow: only its hash is kept, with its expiry.</summary>
public sealed class ApiToken
{
    /// <summary>SHA-256 of the token (hex): the key.</summary>
    public string TokenHash { get; set; } = string.Empty;

    public Guid ClientId { get; set; }

    /// <summary>The scopes granted with this token (a subset of the client's).</summary>
    public string Scopes { get; set; } = string.Empty;

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// One request with an Idempotency-Key header: the key per client, a hash of the body and the case it
/// made. A retry with the same key and body answers with the same case; another body is refused.
/// </summary>
public sealed class ApiIdempotencyRecord
{
    public Guid ClientId { get; set; }

    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 of the request body (hex).</summary>
    public string RequestHash { get; set; } = string.Empty;

    public Guid CaseId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>What a client may do. A token carries the scopes asked for (or all of the client's).</summary>
public static class ApiScopes
{
    public const string CasesRead = "cases:read";
    public const string CasesWrite = "cases:write";
    public const string ProvisionsWrite = "provisions:write";
    public const string FiguresRead = "figures:read";

    public static readonly IReadOnlyList<string> All = [CasesRead, CasesWrite, ProvisionsWrite, FiguresRead];
}

public static class ApiModel
{
    public static void Configure(ModelBuilder modelBuilder, Data.FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var client = modelBuilder.Entity<ApiClient>();
        client.ToTable("ApiClients");
        client.HasKey(c => c.Id);
        client.Property(c => c.Name).HasMaxLength(100);
        client.HasIndex(c => c.Name).IsUnique();
        client.Property(c => c.Contact).HasMaxLength(254);
        client.Property(c => c.Scopes).HasMaxLength(200);
        client.Property(c => c.SecretHash).HasMaxLength(64);
        client.Property(c => c.CreatedBy).HasMaxLength(450);
        client.Ignore(c => c.ScopeSet);

        var token = modelBuilder.Entity<ApiToken>();
        token.ToTable("ApiTokens");
        token.HasKey(t => t.TokenHash);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.Property(t => t.Scopes).HasMaxLength(200);
        token.HasIndex(t => t.ClientId);
        token.HasOne<ApiClient>().WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Cascade);

        var idempotency = modelBuilder.Entity<ApiIdempotencyRecord>();
        idempotency.ToTable("ApiIdempotencyRecords");
        idempotency.HasKey(r => new { r.ClientId, r.Key });
        idempotency.Property(r => r.Key).HasMaxLength(ApiIdempotency.MaxKeyLength);
        idempotency.Property(r => r.RequestHash).HasMaxLength(64);

        var batch = modelBuilder.Entity<ApiBatch>();
        batch.ToTable("ApiBatches");
        batch.HasKey(b => b.Id);
        batch.HasIndex(b => new { b.ClientId, b.Kind, b.FileHash }).IsUnique();
        batch.Property(b => b.Kind).HasMaxLength(20);
        batch.Property(b => b.FileHash).HasMaxLength(64);

        var subscription = modelBuilder.Entity<WebhookSubscription>();
        subscription.ToTable("WebhookSubscriptions");
        subscription.HasKey(s => s.Id);
        subscription.HasIndex(s => s.ClientId);
        subscription.Property(s => s.Url).HasMaxLength(500);
        subscription.Property(s => s.Events).HasMaxLength(200);
        Data.EncryptedColumns.Encrypted(subscription.Property(s => s.Secret), cipher);
        subscription.HasOne<ApiClient>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);

        var delivery = modelBuilder.Entity<WebhookDelivery>();
        delivery.ToTable("WebhookDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.EventType).HasMaxLength(50);
        delivery.Property(d => d.LastError).HasMaxLength(200);
        delivery.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter(Data.AppDbContext.WebhookDueFilter).HasDatabaseName("IX_WebhookDeliveries_Due");
        delivery.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
