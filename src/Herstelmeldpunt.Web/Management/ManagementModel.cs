using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Management;

/// <summary>How the database keeps management's own rows: the reports to parliament, one per period, and the figures computed behind the pages (<see cref="StoredFigures"/>).</summary>
internal static class ManagementModel
{
    public static void Map(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var report = modelBuilder.Entity<ParliamentReport>();
        report.ToTable("ParliamentReports");
        report.HasKey(r => r.Id);
        report.Property(r => r.Sha256).HasMaxLength(64);
        report.HasIndex(r => new { r.PeriodFrom, r.PeriodTo }).IsUnique();
        var figures = modelBuilder.Entity<StoredFigures>();
        figures.ToTable("StoredFigures");
        figures.HasKey(f => f.Name);
        figures.Property(f => f.Name).HasMaxLength(50);
    }
}
