using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>What the timers of one sweep batch need, read with one query each instead of one per timer: the escalating cases and the managers to tell.</summary>
public sealed record TimerBatch(IReadOnlyDictionary<Guid, (string Reference, WorkflowInstance Instance)> Cases, IReadOnlyList<(string Id, string Email, string Language)> Managers)
{
    public static async Task<TimerBatch> LoadAsync(AppDbContext db, IReadOnlyCollection<WorkflowTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(timers);
        var escalating = timers.Where(t => t.FiresAction == CaseVocabulary.Actions.EscalateToManager).Select(t => t.InstanceId).Distinct().ToList();
        if (escalating.Count == 0)
        {
            return new TimerBatch(new Dictionary<Guid, (string, WorkflowInstance)>(), []);
        }

        var cases = await (from i in db.WorkflowInstances.AsNoTracking()
                           join r in db.Reports on i.Id equals r.Id
                           where escalating.Contains(i.Id)
                           select new { r.ReferenceNumber, Instance = i }).ToDictionaryAsync(x => x.Instance.Id, x => (x.ReferenceNumber, x.Instance), cancellationToken);
        var managers = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              join u in db.Users on ur.UserId equals u.Id
                              where r.Name == StaffRoles.Manager && !u.IsDisabled && u.Email != null && u.NotifyEscalations
                              orderby u.Id
                              select new { u.Id, u.Email, u.Language }).ToListAsync(cancellationToken);
        return new TimerBatch(cases, [.. managers.Select(m => (m.Id, m.Email!, m.Language))]);
    }
}
