using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// The application database, on SQLite (embedded default) or PostgreSQL. The schema is defined here
/// and in the hand-written migrations under Data/Migrations; a test keeps the two equal on both providers.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Report> Reports => Set<Report>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in this model is a UTC instant. SQLite hands back Unspecified; mark it as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var report = modelBuilder.Entity<Report>();
        report.ToTable("Reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.ReferenceNumber).HasMaxLength(ReferenceNumber.FormattedLength).IsRequired();
        report.HasIndex(r => r.ReferenceNumber).IsUnique();
        report.HasIndex(r => r.IdempotencyKey).IsUnique();
        report.HasIndex(r => r.Bsn);
        report.HasIndex(r => new { r.Urgency, r.ReceivedAt });
        report.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Urgency).HasConversion<int>();
        report.Property(r => r.PreferredChannel).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.PreferredTime).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Language).HasMaxLength(5);
        report.Property(r => r.FullName).HasMaxLength(FieldLimits.Name);
        report.Property(r => r.Bsn).HasMaxLength(9);
        report.Property(r => r.Email).HasMaxLength(FieldLimits.Email);
        report.Property(r => r.Phone).HasMaxLength(FieldLimits.Phone);
        report.Property(r => r.RepresentativeName).HasMaxLength(FieldLimits.Name);
        report.Property(r => r.RepresentativeRelation).HasMaxLength(FieldLimits.Relation);
        report.Property(r => r.RepresentativeEmail).HasMaxLength(FieldLimits.Email);
        report.Property(r => r.RepresentativePhone).HasMaxLength(FieldLimits.Phone);
        report.Property(r => r.Description).HasMaxLength(FieldLimits.Description);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
