using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herstelmeldpunt.Web.Data;

/// <summary>Marks a column as encrypted personal data: stored through <see cref="FieldCipher"/>, as unbounded text (ciphertext is longer than its text; the forms keep the limits).</summary>
public static class EncryptedColumns
{
    /// <summary>A text column (nullable ones too: EF never hands a null to a converter) or a bytes column.</summary>
    public static PropertyBuilder Encrypted(this PropertyBuilder property, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(cipher);
        return property.Metadata.ClrType == typeof(byte[])
            ? property.HasConversion(
                new ValueConverter<byte[], byte[]>(v => cipher.EncryptBytes(v), v => cipher.DecryptBytes(v)),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<byte[]>((a, b) => a == b || (a != null && b != null && a.SequenceEqual(b)), v => v.Length, v => v))
            : property.HasConversion(new ValueConverter<string, string>(v => cipher.Encrypt(v), v => cipher.Decrypt(v)));
    }
}

/// <summary>One EF model per key set: the model's converters hold the keys (two apps in one process, as in the tests, may use different keys).</summary>
public sealed class CipherModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is AppDbContext app ? (context.GetType(), app.Cipher.Fingerprint, designTime) : (context?.GetType(), designTime);
}

/// <summary>
/// The keyed hashes beside encrypted values, set on every save: a report's and a register member's BSN
/// hash, a report's name-word index, an email's address hash (for the one-receipt-an-hour rule).
/// </summary>
public static class SearchHashes
{
    public static void Update(AppDbContext db, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Report report:
                    report.BsnHash = cipher.BsnHash(report.Bsn);
                    report.NameIndex = cipher.NameIndex(report.FullName);
                    break;
                case TargetGroupMember member when entry.State == EntityState.Added || entry.Property(nameof(TargetGroupMember.Bsn)).IsModified:
                    member.BsnHash = cipher.BsnHash(member.Bsn); // (a member marked as reported is saved with only that column)
                    break;
                case OutboxMessage message:
                    message.ToAddressHash = MailHash(cipher, message.ToAddress);
                    break;
            }
        }
    }

    /// <summary>The hash an outbox row keeps of its address (case and spaces do not matter).</summary>
    public static string MailHash(FieldCipher cipher, string address)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        return cipher.BsnHash("mail:" + (address ?? string.Empty).Trim().ToLowerInvariant());
    }
}
