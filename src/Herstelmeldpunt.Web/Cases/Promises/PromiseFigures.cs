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
    /// The silence of open cases now: how many have had a message, and the 90th percentile of days since their last one
    /// (nearest rank, read as one row at that rank of the LastMessageAt index). The promises due and the messages of a
    /// period are counted per day with the dashboard's other figures (<see cref="Management.DashboardDays"/>).
    /// </summary>
    public static async Task<(double? P90Days, int OpenCases)> SilenceAsync(AppDbContext db, IReadOnlyList<string> finalStates, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
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

        return (p90, openCount);
    }
}
