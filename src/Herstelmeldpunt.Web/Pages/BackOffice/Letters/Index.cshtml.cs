using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Letters;

/// <summary>
/// The print room: letters waiting to be posted, making a print batch (which marks them posted today),
/// the batches of the last weeks to print again, and letters that cannot be posted for want of an address.
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int Shown = 100;

    public sealed record Waiting(Guid CaseId, string Reference, string Subject, DateTime CreatedAt, int Pages);

    public sealed record Batch(Guid Id, DateOnly SentOn, int Letters, int Pages);

    public int WaitingCount { get; private set; }

    public IReadOnlyList<Waiting> WaitingLetters { get; private set; } = [];

    public IReadOnlyList<Waiting> WithoutAddress { get; private set; } = [];

    public IReadOnlyList<Batch> Batches { get; private set; } = [];

    public string? NoticeKey { get; private set; }

    public int? NoticeCount { get; private set; }

    public async Task OnGetAsync(string? melding, int? aantal, CancellationToken cancellationToken)
    {
        NoticeKey = melding switch { "batch" => "Letters.BatchMade", "leeg" => "Letters.NothingWaiting", _ => null };
        NoticeCount = aantal;
        var toPost = db.CaseLetters.AsNoTracking().Where(l => l.Delivery == LetterDelivery.Post && l.SentOn == null);
        WaitingCount = await toPost.CountAsync(cancellationToken);
        WaitingLetters = await List(toPost).ToListAsync(cancellationToken);
        WithoutAddress = await List(db.CaseLetters.AsNoTracking().Where(l => l.Delivery == LetterDelivery.NoAddress)).ToListAsync(cancellationToken);
        var since = AmsterdamTime.Today(clock).AddDays(-42);
        var batches = await db.CaseLetters.AsNoTracking().Where(l => l.SentOn >= since && l.PrintBatchId != null)
            .GroupBy(l => new { l.PrintBatchId, l.SentOn })
            .Select(g => new { g.Key.PrintBatchId, g.Key.SentOn, Letters = g.Count(), Pages = g.Sum(l => l.Pages) })
            .OrderByDescending(b => b.SentOn).ThenByDescending(b => b.PrintBatchId).Take(50).ToListAsync(cancellationToken);
        Batches = batches.Select(b => new Batch(b.PrintBatchId!.Value, b.SentOn!.Value, b.Letters, b.Pages)).ToList();
    }

    public async Task<IActionResult> OnPostBatchAsync(CancellationToken cancellationToken)
    {
        var made = await PrintBatch.CreateAsync(db, clock, cancellationToken);
        if (made is not { } batch)
        {
            return RedirectToPage("/BackOffice/Letters/Index", new { melding = "leeg" });
        }

        Audit.AuditLog.Record(db, clock, User, "letters.batch", batch.Id.ToString(), $"{batch.Letters} letters");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Letters/Index", null, new { melding = "batch", aantal = batch.Letters }, "batches");
    }

    private IQueryable<Waiting> List(IQueryable<CaseLetter> letters) =>
        letters.OrderBy(l => l.CreatedAt).Take(Shown)
            .Join(db.Reports, l => l.CaseId, r => r.Id, (l, r) => new Waiting(l.CaseId, r.ReferenceNumber, l.Subject, l.CreatedAt, l.Pages));
}
