using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice;

/// <summary>
/// My worklist: cases in states whose definition lists one of my roles, most urgent first, then
/// oldest. In assigned states (the committee) a member sees only the cases assigned to them; the chair
/// sees the whole committee's. Managers also see every case whose deadline passed while it is still in
/// that step (the escalation is the fired timer row).
/// </summary>
public sealed class WorklistModel(AppDbContext db, WorkflowCatalog catalog) : PageModel
{
    public sealed record Row(Guid Id, string ReferenceNumber, UrgencyLevel Urgency, DateTime ReceivedAt, string StateLabel, string? Assignee, DateTime? NextDeadline, bool Overdue, DateOnly? DecisionDue);

    public IReadOnlyList<Row> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = StaffActor.From(User);
        var language = Cultures.CurrentLanguage;
        var states = catalog.All.SelectMany(d => d.States).ToList();
        var mine = states.Where(s => s.Worklist.Any(actor.Roles.Contains)).Select(s => s.Name).Distinct().ToList();
        var assigned = states.Where(s => s.Assigned).Select(s => s.Name).Distinct().ToList();
        var chair = actor.Roles.Contains(StaffRoles.CommitteeChair);
        var manager = actor.Roles.Contains(StaffRoles.Manager);
        var me = actor.UserId;
        const string escalate = Herstelmeldpunt.Web.Cases.CaseVocabulary.Actions.EscalateToManager;

        var rows = await (from i in db.WorkflowInstances
                          join r in db.Reports on i.Id equals r.Id
                          let overdue = db.WorkflowTimers.Any(t => t.InstanceId == i.Id && t.State == i.State && t.FiresAction == escalate && t.FiredAt != null && t.CancelledAt == null)
                          where (mine.Contains(i.State) && (chair || !assigned.Contains(i.State) || i.AssigneeId == me)) || (manager && overdue)
                          orderby overdue descending, r.Urgency descending, r.ReceivedAt
                          select new
                          {
                              r.Id,
                              r.ReferenceNumber,
                              r.Urgency,
                              r.ReceivedAt,
                              i.State,
                              i.DefinitionId,
                              i.DefinitionVersion,
                              Assignee = db.Users.Where(u => u.Id == i.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                              NextDeadline = db.WorkflowTimers.Where(t => t.InstanceId == i.Id && t.FiredAt == null && t.CancelledAt == null).Min(t => (DateTime?)t.DueAt),
                              Overdue = overdue,
                              DecisionDue = db.Set<Herstelmeldpunt.Web.Cases.CaseDeadline>().Where(d => d.CaseId == i.Id).Select(d => (DateOnly?)d.DueOn).FirstOrDefault(),
                          })
            .Take(500)
            .ToListAsync(cancellationToken);
        Cases = [.. rows.Select(r => new Row(r.Id, r.ReferenceNumber, r.Urgency, r.ReceivedAt,
            catalog.Get(r.DefinitionId, r.DefinitionVersion).State(r.State).Label.In(language), r.Assignee, r.NextDeadline, r.Overdue, r.DecisionDue))];
    }
}
