using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reports;

/// <summary>How the database keeps the report: its columns, the encrypted personal data, the search and queue indexes (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class ReportModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher, bool npgsql)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var report = modelBuilder.Entity<Report>();
        report.ToTable("Reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.ReferenceNumber).HasMaxLength(ReferenceNumber.FormattedLength).IsRequired();
        report.HasIndex(r => r.ReferenceNumber).IsUnique();
        report.HasIndex(r => r.IdempotencyKey).IsUnique();
        report.HasIndex(r => r.FormStamp).IsUnique(); // one form stamp, one report (nulls, from staff and partners, repeat freely)
        report.HasIndex(r => r.BsnHash); // BSN search, duplicates, the register
        report.HasIndex(r => new { r.Urgency, r.ReceivedAt });
        report.HasIndex(r => r.ReceivedAt); // dashboard periods
        report.HasIndex(r => r.LastMessageAt); // the silence alarm (a manager's: every state), its percentile
        report.Property(r => r.CaseState).HasMaxLength(50);
        report.HasIndex(r => new { r.CaseState, r.LastMessageAt }, "IX_Reports_Silence").HasFilter("\"LastMessageAt\" IS NOT NULL"); // a member's silence list, per state
        if (npgsql)
        {
            // Search by name words (LIKE '% hash %' on the keyed word hashes) at a million reports: a trigram index (pg_trgm).
            modelBuilder.HasPostgresExtension("pg_trgm");
            report.HasIndex(r => r.NameIndex).HasMethod("gin").HasOperators("gin_trgm_ops");
        }

        // The case list's order and keyset position: most urgent first, then oldest, then id.
        report.HasIndex(r => new { r.Urgency, r.ReceivedAt, r.Id }).IsDescending(true, false, false).HasDatabaseName("IX_Reports_Queue");
        report.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Urgency).HasConversion<int>();
        report.Property(r => r.PreferredChannel).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.PreferredTime).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Language).HasMaxLength(5);
        report.Property(r => r.FullName).Encrypted(cipher);
        report.Property(r => r.Bsn).Encrypted(cipher);
        report.Property(r => r.Email).Encrypted(cipher);
        report.Property(r => r.Phone).Encrypted(cipher);
        report.Property(r => r.AddressStreet).Encrypted(cipher);
        report.Property(r => r.AddressPostcode).Encrypted(cipher);
        report.Property(r => r.AddressCity).Encrypted(cipher);
        report.Ignore(r => r.HasPostalAddress);
        report.Property(r => r.BsnHash).HasMaxLength(64);
        report.Property(r => r.RepresentativeName).Encrypted(cipher);
        report.Property(r => r.RepresentativeRelation).Encrypted(cipher);
        report.Property(r => r.RepresentativeEmail).Encrypted(cipher);
        report.Property(r => r.RepresentativePhone).Encrypted(cipher);
        report.Property(r => r.Description).Encrypted(cipher);
        report.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.StaffReason).Encrypted(cipher);
        // Plain indexed columns, no foreign keys: SQLite cannot add a foreign key to an existing table
        // without a rebuild (docs/adr/0002). Staff accounts and reports are never deleted.
        report.Property(r => r.CreatedByUserId).HasMaxLength(450);
        report.HasIndex(r => r.CreatedByUserId);
        report.HasIndex(r => r.DuplicateOfReportId);
    }
}
