using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>
/// The last receipt mail queued to one address (by its keyed hash, never the address), one row per address:
/// nobody can use the public form to flood someone's mailbox. Claimed in the report's own save, with the time
/// read before as its concurrency token, so of two reports racing for the same address only one queues a receipt
/// (the other's save fails, is retried, and then finds the receipt just queued). Rows older than a day are removed
/// by the daily retention run.
/// </summary>
public sealed class ReceiptMailCap
{
    public string AddressHash { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime LastQueuedAt { get; set; }

    /// <summary>
    /// Claims the receipt for this address if none was queued since <paramref name="since"/>: a new row, or the
    /// existing row moved on from the time it had when read (<paramref name="lastQueuedAt"/>). False: no receipt.
    /// </summary>
    public static bool Claim(DbContext db, string addressHash, DateTime? lastQueuedAt, DateTime since, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (lastQueuedAt is null)
        {
            db.Add(new ReceiptMailCap { AddressHash = addressHash, LastQueuedAt = now });
            return true;
        }

        if (lastQueuedAt.Value > since)
        {
            return false;
        }

        var cap = new ReceiptMailCap { AddressHash = addressHash, LastQueuedAt = DateTime.SpecifyKind(lastQueuedAt.Value, DateTimeKind.Utc) };
        db.Attach(cap);
        cap.LastQueuedAt = now; // UPDATE … WHERE "LastQueuedAt" = the time read: 0 rows if another report claimed it meanwhile
        return true;
    }
}

/// <summary>How the database keeps the intake room's own rows (part of the app's model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class IntakeModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var cap = modelBuilder.Entity<ReceiptMailCap>();
        cap.ToTable("ReceiptMailCaps");
        cap.HasKey(c => c.AddressHash);
        cap.Property(c => c.AddressHash).HasMaxLength(64);
        cap.Property(c => c.LastQueuedAt).IsConcurrencyToken();
        cap.HasIndex(c => c.LastQueuedAt); // the retention run's clean-up

        var draft = modelBuilder.Entity<IntakeDraft>();
        draft.ToTable("IntakeDrafts");
        draft.HasKey(d => d.Id);
        draft.Property(d => d.TokenHash).HasMaxLength(64);
        draft.HasIndex(d => d.TokenHash).IsUnique();
        draft.HasIndex(d => d.ExpiresAt); // the clean-up job
        draft.HasIndex(d => d.FormKey).IsUnique();
        draft.Property(d => d.Language).HasMaxLength(2);
        draft.Property(d => d.Answers).Encrypted(cipher);
        draft.Property(d => d.Email).Encrypted(cipher);
    }
}
