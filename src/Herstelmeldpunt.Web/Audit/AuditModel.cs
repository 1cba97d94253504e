using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Audit;

/// <summary>How the database keeps the audit log, the access log and the deletion log (the last two append-only: triggers refuse updates and deletes) (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class AuditModel
{
    public static void Map(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var audit = modelBuilder.Entity<AuditEntry>();
        audit.ToTable("AuditEntries");
        audit.HasKey(a => a.Id);
        audit.Property(a => a.ActorUserId).HasMaxLength(450);
        audit.Property(a => a.ActorName).HasMaxLength(FieldLimits.Name);
        audit.Property(a => a.Action).HasMaxLength(50);
        audit.Property(a => a.Subject).HasMaxLength(300);
        audit.Property(a => a.Details).HasMaxLength(2000);
        audit.HasIndex(a => a.At);

        var access = modelBuilder.Entity<AccessLogEntry>();
        access.ToTable("AccessLog", t =>
        {
            t.HasTrigger("AccessLog_NoUpdate");
            t.HasTrigger("AccessLog_NoDelete");
        });
        access.HasKey(a => a.Id);
        access.HasIndex(a => a.At);
        access.HasIndex(a => new { a.CaseId, a.At });
        access.HasIndex(a => new { a.UserId, a.At });
        access.Property(a => a.UserId).HasMaxLength(450);
        access.Property(a => a.UserName).HasMaxLength(FieldLimits.Name);
        access.Property(a => a.Roles).HasMaxLength(200);
        access.Property(a => a.Action).HasMaxLength(50);
        access.Property(a => a.ClientAddress).HasMaxLength(45);
        access.Property(a => a.Details).HasMaxLength(500);

        var deletion = modelBuilder.Entity<DeletionLogEntry>();
        deletion.ToTable("DeletionLog", t =>
        {
            t.HasTrigger("DeletionLog_NoUpdate");
            t.HasTrigger("DeletionLog_NoDelete");
        });
        deletion.HasKey(d => d.Id);
        deletion.HasIndex(d => d.CaseId).IsUnique();
        deletion.HasIndex(d => d.At);
        deletion.HasIndex(d => new { d.FinalState, d.FinalSince }); // where the next retention run starts per state
        deletion.Property(d => d.ReferenceNumber).HasMaxLength(Herstelmeldpunt.Web.Reports.ReferenceNumber.FormattedLength);
        deletion.Property(d => d.FinalState).HasMaxLength(50);
        deletion.Property(d => d.Removed).HasMaxLength(200);
    }
}
