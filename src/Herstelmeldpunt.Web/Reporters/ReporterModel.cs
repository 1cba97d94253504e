using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Reporters;

/// <summary>How the database keeps the reporter's way in (one-time links, sessions) and the case events they see (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class ReporterModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var token = modelBuilder.Entity<ReporterAccessToken>();
        token.ToTable("ReporterAccessTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => new { t.ReportId, t.CreatedAt });

        var signIn = modelBuilder.Entity<ReporterSignIn>();
        signIn.ToTable("ReporterSignIns");
        signIn.HasKey(s => s.Id);
        signIn.HasIndex(s => s.ReportId);

        var caseEvent = modelBuilder.Entity<CaseEvent>();
        caseEvent.ToTable("CaseEvents");
        caseEvent.HasKey(e => e.Id);
        caseEvent.HasIndex(e => e.CaseId);
        caseEvent.Property(e => e.ActorName).HasMaxLength(FieldLimits.Name);
        caseEvent.Property(e => e.Kind).HasMaxLength(50);
        caseEvent.Property(e => e.Details).Encrypted(cipher);

        var emailChange = modelBuilder.Entity<EmailChange>();
        emailChange.ToTable("EmailChanges");
        emailChange.HasKey(c => c.Id);
        emailChange.HasIndex(c => c.CaseId);
        emailChange.Property(c => c.ConfirmTokenHash).HasMaxLength(64);
        emailChange.HasIndex(c => c.ConfirmTokenHash).IsUnique();
        emailChange.Property(c => c.UndoTokenHash).HasMaxLength(64);
        emailChange.HasIndex(c => c.UndoTokenHash).IsUnique();
        emailChange.Property(c => c.RequestedBy).HasMaxLength(FieldLimits.Name);
        emailChange.Property(c => c.NewAddress).Encrypted(cipher);
        emailChange.Property(c => c.OldAddress).Encrypted(cipher);
    }
}
