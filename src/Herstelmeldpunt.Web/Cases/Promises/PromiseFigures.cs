using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Promises;

/// <summary>Promises due in one month of one kind: how many were kept and how many went late (replaced ones do not count).</summary>
public sealed record PromiseMonth(PromiseKind Kind, int Year, int Month, int Kept, int Late)
{
    public double? KeptShare => Kept + Late == 0 ? null : (double)Kept / (Kept + Late);
}

/// <summary>Per message template: how many went out in the period and how many led to a "call me back" about them.</summary>
public sealed record CallbackShare(string Template, int Messages, int Requests)
{
    public double? Share => Messages == 0 ? null : (double)Requests / Messages;
}

/// <summary>The promise ledger's figures for the dashboard and the public page.</summary>
public sealed record PromiseFigures(IReadOnlyList<PromiseMonth> Months, double? SilenceP90Days, int OpenCases, IReadOnlyList<CallbackShare> Callbacks)
{
    public static readonly PromiseFigures None = new([], null, 0, []);

    public int Kept => Months.Sum(m => m.Kept);

    public int Late => Months.Sum(m => m.Late);

    public double? KeptShare => Kept + Late == 0 ? null : (double)Kept / (Kept + Late);

    /// <summary>
    /// Computed in the database: the promises due in the period by kind, month and outcome; the 90th percentile of days
    /// since the last message over the open cases (nearest rank, read as one row at that rank of the LastMessageAt index);
    /// per template the messages (emails and posted letters) made in the period and the callback requests about them.
    /// </summary>
    public static async Task<PromiseFigures> ComputeAsync(AppDbContext db, IReadOnlyList<string> finalStates, DateOnly from, DateOnly to, DateTime fromUtc, DateTime toUtc, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settled = await db.Promises.AsNoTracking()
            .Where(p => p.Due >= from && p.Due <= to && (p.State == PromiseState.Kept || p.State == PromiseState.Late))
            .GroupBy(p => new { p.Kind, p.Due.Year, p.Due.Month, p.State })
            .Select(g => new { g.Key.Kind, g.Key.Year, g.Key.Month, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var months = settled.GroupBy(s => (s.Kind, s.Year, s.Month)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month).ThenBy(g => g.Key.Kind)
            .Select(g => new PromiseMonth(g.Key.Kind, g.Key.Year, g.Key.Month, g.Where(x => x.State == PromiseState.Kept).Sum(x => x.Count), g.Where(x => x.State == PromiseState.Late).Sum(x => x.Count)))
            .ToList();

        var open = from r in db.Reports
                   where r.LastMessageAt != null && r.AnonymisedAt == null
                   join i in db.WorkflowInstances on r.Id equals i.Id
                   where !finalStates.Contains(i.State)
                   select r.LastMessageAt!.Value;
        var openCount = await open.CountAsync(cancellationToken);
        double? p90 = null;
        if (openCount > 0)
        {
            // Days since the last message, 90th percentile by nearest rank: the k-th largest wait is the (n-k)-th oldest message.
            var rank = (int)Math.Ceiling(0.9 * openCount);
            var at = await open.OrderBy(t => t).Skip(openCount - rank).FirstAsync(cancellationToken);
            p90 = Math.Floor((now - at).TotalDays);
        }

        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId != null && m.Template != null && m.CreatedAt >= fromUtc && m.CreatedAt < toUtc)
            .GroupBy(m => m.Template!).Select(g => new { Template = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var posted = await db.CaseLetters.AsNoTracking().Where(l => l.Delivery != Letters.LetterDelivery.Online && l.CreatedAt >= fromUtc && l.CreatedAt < toUtc)
            .GroupBy(l => l.Template).Select(g => new { Template = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var requests = await db.CallbackRequests.AsNoTracking().Where(c => c.Template != null && c.RequestedAt >= fromUtc && c.RequestedAt < toUtc)
            .GroupBy(c => c.Template!).Select(g => new { Template = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var callbacks = mails.Select(m => m.Template).Concat(posted.Select(p => p.Template)).Concat(requests.Select(r => r.Template)).Distinct()
            .Select(t => new CallbackShare(t, mails.Where(m => m.Template == t).Sum(m => m.Count) + posted.Where(p => p.Template == t).Sum(p => p.Count), requests.Where(r => r.Template == t).Sum(r => r.Count)))
            .OrderByDescending(c => c.Share ?? 0).ThenByDescending(c => c.Messages).ToList();
        return new PromiseFigures(months, p90, openCount, callbacks);
    }
}
