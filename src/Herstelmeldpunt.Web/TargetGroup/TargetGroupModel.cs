using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.TargetGroup;

/// <summary>How the database keeps the target-group register: one member per BSN, the letters and not-reported indexes (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class TargetGroupModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var member = modelBuilder.Entity<TargetGroupMember>();
        member.ToTable("TargetGroupMembers");
        member.HasKey(m => m.Id);
        member.Property(m => m.Bsn).Encrypted(cipher);
        member.Property(m => m.BsnHash).HasMaxLength(64);
        member.HasIndex(m => m.BsnHash).IsUnique().HasFilter("\"BsnHash\" <> ''"); // one member per BSN (rows of an older database get their hash at start-up)
        member.Property(m => m.FullName).Encrypted(cipher);
        member.Property(m => m.BenefitType).HasConversion<string>().HasMaxLength(10);
        member.Property(m => m.Team).HasMaxLength(FieldLimits.Team);
        member.Property(m => m.AddressStreet).Encrypted(cipher);
        member.Property(m => m.AddressPostcode).Encrypted(cipher);
        member.Property(m => m.AddressCity).Encrypted(cipher);
        member.HasIndex(m => new { m.ReassessmentDate, m.Id }); // the letters, longest ago re-assessed first
        member.HasIndex(m => new { m.ReassessmentDate, m.Id }, "IX_TargetGroupMembers_NotReported").HasFilter("\"ReportedAt\" IS NULL"); // who has not reported: count and list
    }
}
