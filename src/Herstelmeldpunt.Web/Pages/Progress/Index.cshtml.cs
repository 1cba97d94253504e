using Herstelmeldpunt.Web.Management;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.Progress;

/// <summary>
/// The public progress page (no sign-in): how many reports came in and were decided, how long it takes, how often we
/// are on time, how satisfied people are and how many promises we kept — per week, with a chart and a table, and as open
/// data. The figures are the dashboard's, computed behind a short cache (<see cref="PublicProgress"/>); small numbers
/// are shown as "fewer than 10" (<see cref="PublicNumber"/>).
/// </summary>
public sealed class IndexModel(PublicProgress progress, Cases.Terms.DecisionTermOptions decisionTerm) : PageModel
{
    public int DecisionWorkingDays => decisionTerm.WorkingDays;

    public PublicProgressFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await progress.CurrentAsync(cancellationToken);
        Response.Headers.CacheControl = PublicNumber.CacheControl;
    }
}
