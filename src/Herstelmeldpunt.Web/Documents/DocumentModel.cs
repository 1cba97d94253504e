using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Documents;

/// <summary>How the database keeps documents: the row per file (the bytes are on disk, encrypted) (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class DocumentModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var document = modelBuilder.Entity<CaseDocument>();
        document.ToTable("CaseDocuments");
        document.HasKey(d => d.Id);
        document.HasIndex(d => d.CaseId);
        document.Property(d => d.FileName).Encrypted(cipher);
        document.Property(d => d.ContentType).HasMaxLength(100);
        document.Property(d => d.Sha256).HasMaxLength(64);
        document.Property(d => d.UploadedBy).HasMaxLength(20);
        document.Property(d => d.UploadedByName).HasMaxLength(FieldLimits.Name);
    }
}
