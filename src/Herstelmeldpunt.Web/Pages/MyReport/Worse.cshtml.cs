using Herstelmeldpunt.Web.Cases.Retriage;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// "My situation has got worse": money, housing, health, safety, and a few words; with the numbers to call in an
/// emergency first. It becomes a re-triage task for intake due the next working day (<see cref="SituationReport"/>);
/// a second report while one is open joins it. The page shows the last outcome.
/// </summary>
public sealed class WorseModel(AppDbContext db, WorkingDayCalendar calendar, TimeProvider clock) : PageModel
{
    public const int TextMaxLength = Reports.FieldLimits.LongText;

    public string ReferenceNumber { get; private set; } = string.Empty;

    /// <summary>The open report (intake looks at it by its due day), or the last handled one.</summary>
    public SituationReport? Latest { get; private set; }

    [BindProperty]
    public List<WorseAreas> Areas { get; set; } = [];

    [BindProperty]
    public string? Text { get; set; }

    public string? AreasError { get; private set; }

    public string? TextError { get; private set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool? verstuurd, CancellationToken cancellationToken)
    {
        Sent = verstuurd == true;
        return await LoadAsync(cancellationToken) ? Page() : Redirect("/mijn-melding");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/mijn-melding");
        }

        var areas = SituationReport.Combine(Areas);
        var text = Text?.Trim();
        AreasError = areas == WorseAreas.None ? "Worse.Error.AreasRequired" : null;
        TextError = text?.Length > TextMaxLength ? "Worse.Error.TextTooLong" : null;
        if (AreasError is not null || TextError is not null)
        {
            return Page();
        }

        var party = ReporterAccess.PartyOf(User);
        var recorded = await SituationReport.RecordAsync(db, calendar, ReporterAccess.ReportIdOf(User)!.Value, areas, text, party, clock.GetUtcNow(), cancellationToken);
        if (recorded is null)
        {
            AreasError = "Worse.Error.TooMany";
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/mijn-melding/slechter?verstuurd=true");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id)
        {
            return false;
        }

        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        Latest = await db.SituationReports.AsNoTracking().Where(s => s.CaseId == id).OrderByDescending(s => s.ReportedAt).FirstOrDefaultAsync(cancellationToken);
        return true;
    }
}
