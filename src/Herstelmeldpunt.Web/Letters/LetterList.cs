using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>A letter as listed (without its PDF).</summary>
public sealed record LetterSummary(Guid Id, string Subject, DateTime CreatedAt, int Pages, LetterDelivery Delivery, DateOnly? SentOn, string Sha256);

/// <summary>The letters of one case, newest first, and one letter's PDF: only ever within that case.</summary>
public static class LetterList
{
    public static Task<List<LetterSummary>> ForCaseAsync(AppDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CaseLetters.AsNoTracking().Where(l => l.CaseId == caseId).OrderByDescending(l => l.CreatedAt)
            .Select(l => new LetterSummary(l.Id, l.Subject, l.CreatedAt, l.Pages, l.Delivery, l.SentOn, l.Sha256))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The PDF and a file name without personal data; null when the letter is not one of this case's.</summary>
    public static async Task<(byte[] Pdf, string FileName)?> OpenAsync(AppDbContext db, Guid caseId, Guid letterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.CaseLetters.AsNoTracking().Where(l => l.Id == letterId && l.CaseId == caseId)
            .Select(l => new { l.Pdf, l.Template, l.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Pdf, $"brief-{found.Template.Replace('_', '-')}-{Common.AmsterdamTime.DateOf(found.CreatedAt):yyyy-MM-dd}.pdf");
    }
}
