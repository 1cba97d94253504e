using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>How the database keeps letters: the PDF per letter and the print queue (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class LetterModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var letter = modelBuilder.Entity<CaseLetter>();
        letter.ToTable("CaseLetters");
        letter.HasKey(l => l.Id);
        letter.HasIndex(l => l.CaseId);
        letter.HasIndex(l => l.IdempotencyKey).IsUnique();
        letter.Property(l => l.IdempotencyKey).HasMaxLength(200);
        letter.Property(l => l.Template).HasMaxLength(60);
        letter.Property(l => l.Language).HasMaxLength(5);
        letter.Property(l => l.Subject).HasMaxLength(300);
        letter.Property(l => l.Sha256).HasMaxLength(64);
        letter.Property(l => l.Pdf).Encrypted(cipher);
        letter.Property(l => l.Delivery).HasConversion<string>().HasMaxLength(20);
        // The print queue: letters to post that are not printed yet, oldest first.
        letter.HasIndex(l => l.CreatedAt, "IX_CaseLetters_ToPrint").HasFilter(AppDbContext.ToPrintFilter);
        letter.HasIndex(l => l.PrintBatchId);
        letter.HasIndex(l => l.SentOn); // the print room's batches of the last weeks
        letter.HasIndex(l => l.CreatedAt, "IX_CaseLetters_NoAddress").HasFilter(AppDbContext.NoAddressFilter);
    }
}
