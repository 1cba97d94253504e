using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Management;

/// <summary>The "most urgent first" list (seed 001): open cases by urgency, then waiting time, with the next step and who holds it.</summary>
public sealed class UrgentModel(AppDbContext db, WorkflowCatalog catalog, Web.Management.Dashboard dashboard, TimeProvider clock, IStringLocalizer<Ui> t) : PageModel
{
    public sealed record Row(Guid Id, string ReferenceNumber, UrgencyLevel Urgency, int WaitingDays, string Step, string HeldBy, bool ExpectedLate);

    public IReadOnlyList<Row> Cases { get; private set; } = [];

    public int OpenTotal { get; private set; }

    /// <summary>Open cases whose expected decision (the daily estimate check) lies past their legal term.</summary>
    public int ExpectedLateTotal { get; private set; }

    /// <summary>When the two totals were counted (UTC): the dashboard's figures of now, at most minutes old; the list itself is read on the view.</summary>
    public DateTime CountedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var final = catalog.FinalStates;
        var now = clock.GetUtcNow().UtcDateTime;
        var language = Cultures.CurrentLanguage;
        var open = from i in db.WorkflowInstances
                   where !final.Contains(i.State)
                   join r in db.Reports on i.Id equals r.Id
                   select new { i, r };
        // The totals are counts over every open case (~300,000 at a national scale): the stored figures of now, not a count per view.
        var (totals, countedAt) = await dashboard.NowAsync(cancellationToken);
        (OpenTotal, ExpectedLateTotal, CountedAt) = (totals.OpenCases, totals.ExpectedLate, countedAt);
        var rows = await open.OrderByDescending(x => x.r.Urgency).ThenBy(x => x.r.ReceivedAt).Take(100)
            .Select(x => new
            {
                x.r.Id,
                x.r.ReferenceNumber,
                x.r.Urgency,
                x.r.ReceivedAt,
                x.i.State,
                x.i.DefinitionId,
                x.i.DefinitionVersion,
                ExpectedLate = db.Set<Herstelmeldpunt.Web.Cases.Terms.ReporterEstimate>().Any(e => e.CaseId == x.r.Id && e.ExpectedLate),
                Assignee = db.Users.Where(u => u.Id == x.i.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Cases = [.. rows.Select(r =>
        {
            var state = catalog.Get(r.DefinitionId, r.DefinitionVersion).State(r.State);
            // Who holds it: the assigned member, else the roles whose worklist shows this step.
            var heldBy = r.Assignee ?? string.Join(", ", state.Worklist.Select(role => t["Role." + role].Value));
            return new Row(r.Id, r.ReferenceNumber, r.Urgency, (int)(now - r.ReceivedAt).TotalDays, state.Label.In(language), heldBy.Length == 0 ? "–" : heldBy, r.ExpectedLate);
        })];
    }
}
