using Hangfire;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Terms;

/// <summary>
/// Once a day (Hangfire, queue "default"): the member a case is assigned to gets an email, in their own
/// language, when its decision deadline is <see cref="DecisionTermOptions.WarnWorkingDaysBefore"/> working
/// days away or fewer — once per case and deadline (a moved deadline is told again), only while the term
/// runs (not suspended, not decided), and only to members who want it. A day the job did not run is
/// caught up the next day. Scoped.
/// </summary>
public sealed partial class DeadlineWarning(
    AppDbContext db, EmailTemplates templates, WorkingDayCalendar calendar, DecisionTermOptions options, TimeProvider clock, ILogger<DeadlineWarning> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue("default")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = AmsterdamTime.Today(clock);
        var until = calendar.AddWorkingDays(today, options.WarnWorkingDaysBefore);
        var near = await (from d in db.Set<CaseDeadline>().AsNoTracking()
                          where d.DueOn >= today && d.DueOn <= until && d.DecidedOn == null && d.SuspendedSince == null
                          join i in db.WorkflowInstances on d.CaseId equals i.Id
                          join u in db.Users on i.AssigneeId equals u.Id
                          where u.NotifyDeadlineSoon && !u.IsDisabled && u.Email != null
                          join r in db.Reports on d.CaseId equals r.Id
                          select new { d.CaseId, d.DueOn, r.ReferenceNumber, u.Email, u.Language }).ToListAsync(cancellationToken);
        var keys = near.ToDictionary(n => n.CaseId, n => Key(n.CaseId, n.DueOn));
        var keyList = keys.Values.ToList();
        var sent = (await db.OutboxMessages.Where(m => keyList.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(cancellationToken)).ToHashSet();
        var told = 0;
        foreach (var item in near.Where(n => !sent.Contains(keys[n.CaseId])))
        {
            var culture = Localization.Cultures.FromLanguage(item.Language) ?? Localization.Cultures.Dutch;
            var rendered = templates.Render("deadline_soon", item.Language, new Dictionary<string, string>
            {
                ["reference"] = item.ReferenceNumber,
                ["when"] = item.DueOn.ToString("d MMMM yyyy", culture),
            });
            EmailOutbox.Enqueue(db, clock, keys[item.CaseId], new OutgoingEmail(item.Email!, rendered.Subject, rendered.Text, rendered.Html)
            {
                Template = "deadline_soon",
                Priority = OutboxPriority.Staff,
                CaseId = item.CaseId,
            });
            told++;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogWarned(told, near.Count);
        return told;
    }

    private static string Key(Guid caseId, DateOnly dueOn) => $"deadline-soon:{caseId}:{dueOn:yyyy-MM-dd}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline warnings: {Told} sent, {Near} cases near their deadline")]
    private partial void LogWarned(int told, int near);
}
