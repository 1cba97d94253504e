using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Privacy;

/// <summary>
/// Retention for the administrator and the privacy officer: the period per final state, how many cases
/// the next daily run would anonymise (a dry run: counted, nothing changed), and the latest rows of the
/// deletion log.
/// </summary>
public sealed class RetentionModel(Audit.Retention retention, RetentionOptions options, AppDbContext db, WorkflowCatalog catalog) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<Audit.Retention.Due> Due { get; private set; } = [];

    public IReadOnlyList<DeletionLogEntry> Deleted { get; private set; } = [];

    public int DeletedTotal { get; private set; }

    public RetentionOptions Options => options;

    public string StateLabel(string state) =>
        catalog.All.OrderByDescending(d => d.Version).SelectMany(d => d.States).FirstOrDefault(s => s.Name == state)?.Label.In(Localization.Cultures.CurrentLanguage) ?? state;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Due = await retention.DryRunAsync(cancellationToken);
        Deleted = await db.DeletionLog.AsNoTracking().OrderByDescending(d => d.At).Take(Shown).ToListAsync(cancellationToken);
        DeletedTotal = await db.DeletionLog.CountAsync(cancellationToken);
    }
}
