using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Email;

/// <summary>How the database keeps the outbox: one row per message, the senders claim from the due index (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class EmailModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var outbox = modelBuilder.Entity<OutboxMessage>();
        outbox.ToTable("OutboxMessages");
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.IdempotencyKey).HasMaxLength(200);
        outbox.HasIndex(m => m.IdempotencyKey).IsUnique();
        outbox.Property(m => m.ToAddress).Encrypted(cipher);
        outbox.Property(m => m.ToAddressHash).HasMaxLength(64);
        outbox.Property(m => m.TextBody).Encrypted(cipher);
        outbox.Property(m => m.HtmlBody).Encrypted(cipher);
        outbox.Property(m => m.Subject).HasMaxLength(300);
        outbox.Property(m => m.LastError).HasMaxLength(2000);
        outbox.Property(m => m.Template).HasMaxLength(50);
        outbox.Property(m => m.CalendarFile).HasMaxLength(4000);
        outbox.Property(m => m.Priority).HasConversion<int>();
        // The senders claim from this: only unsent, not refused rows, in delivery order (ADR 0010).
        outbox.HasIndex(m => new { m.Priority, m.NextAttemptAt }).HasDatabaseName("IX_OutboxMessages_Due").HasFilter(AppDbContext.OutboxDueFilter);
        outbox.HasIndex(m => m.CaseId);
        outbox.HasIndex(m => m.FailedAt).HasDatabaseName("IX_OutboxMessages_Refused").HasFilter("\"FailedAt\" IS NOT NULL");
    }
}
