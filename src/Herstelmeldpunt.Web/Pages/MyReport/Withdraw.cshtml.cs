using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>Withdrawing the report, after a confirmation; journaled with the reporter as actor.</summary>
public sealed class WithdrawModel(AppDbContext db, CaseWorkflow workflow, TimeProvider clock) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    public bool NotPossible { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is null ? Redirect("/mijn-melding") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } version)
        {
            return Redirect("/mijn-melding");
        }

        var outcome = await workflow.ApplyAsync(ReporterAccess.ReportIdOf(User)!.Value, CaseVocabulary.Transitions.Withdraw, ReporterAccess.ActorOf(User),
            new TransitionInput(version, new Dictionary<string, string?>(), "Ingetrokken door de melder via Mijn melding."), cancellationToken);
        if (!outcome.Applied)
        {
            NotPossible = true;
            return Page();
        }

        await ReporterSignIns.EndOthersAsync(db, clock, ReporterAccess.ReportIdOf(User)!.Value, User, cancellationToken); // nobody else stays in a withdrawn report
        return Redirect("/mijn-melding?melding=ingetrokken");
    }

    private async Task<int?> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id)
        {
            return null;
        }

        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        return await db.WorkflowInstances.Where(i => i.Id == id).Select(i => (int?)i.Version).SingleOrDefaultAsync(cancellationToken);
    }
}
