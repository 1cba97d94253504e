using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Scheduling;

/// <summary>How the database keeps the sweeps an administrator paused (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class SchedulingModel
{
    public static void Map(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var pause = modelBuilder.Entity<JobPause>();
        pause.ToTable("JobPauses");
        pause.HasKey(p => p.Job);
        pause.Property(p => p.Job).HasMaxLength(50);
        pause.Property(p => p.PausedBy).HasMaxLength(FieldLimits.Name);
    }
}
