using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Letters;

/// <summary>
/// Letters to post go out in print batches: a batch takes the oldest waiting letters (at most
/// <see cref="MaxLetters"/>), marks them posted today, and is one PDF to print, each letter starting on a
/// new sheet for double-sided printing. A letter is in at most one batch, also when two people make a
/// batch at the same moment: the update claims only letters still waiting.
/// </summary>
public static class PrintBatch
{
    public const int MaxLetters = 500;

    /// <summary>Returns the batch id, or null when nothing was waiting.</summary>
    public static async Task<(Guid Id, int Letters)?> CreateAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var waiting = await db.CaseLetters.Where(l => l.Delivery == LetterDelivery.Post && l.SentOn == null)
            .OrderBy(l => l.CreatedAt).Select(l => l.Id).Take(MaxLetters).ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return null;
        }

        var batch = Guid.CreateVersion7(clock.GetUtcNow());
        var today = AmsterdamTime.Today(clock);
        var claimed = await db.CaseLetters.Where(l => waiting.Contains(l.Id) && l.SentOn == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.SentOn, today).SetProperty(l => l.PrintBatchId, batch), cancellationToken);
        // Receipts posted in this batch: the promise to confirm the report is kept.
        await Cases.Promises.PromiseLedger.KeepReceiptsAsync(db, db.CaseLetters.Where(l => l.PrintBatchId == batch && l.Template == "receipt").Select(l => l.CaseId), clock.GetUtcNow(), cancellationToken);
        return claimed == 0 ? null : (batch, claimed);
    }

    /// <summary>The batch as one PDF, letters in the order they were written; null for an unknown batch.</summary>
    public static async Task<byte[]?> RenderAsync(AppDbContext db, Guid batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = await db.CaseLetters.Where(l => l.PrintBatchId == batchId).OrderBy(l => l.CreatedAt).Select(l => l.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        return await LetterDocument.CombineAsync(ChunksAsync(db, ids, cancellationToken));
    }

    /// <summary>Fifty PDFs at a time from the database, not the whole batch in memory at once.</summary>
    private static async IAsyncEnumerable<byte[]> ChunksAsync(AppDbContext db, List<Guid> ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Chunk(50))
        {
            var pdfs = await db.CaseLetters.AsNoTracking().Where(l => chunk.Contains(l.Id)).OrderBy(l => l.CreatedAt).Select(l => l.Pdf).ToListAsync(cancellationToken);
            foreach (var pdf in pdfs)
            {
                yield return pdf;
            }
        }
    }
}
