using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Pages.Intake;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>The person changes how and when we reach them, and in which language; staff see what changed (not the values) on the case page.</summary>
public sealed class ContactModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ContactForm Form { get; set; } = new();

    public bool HasRepresentative { get; private set; }

    /// <summary>The person (not a representative) may add a representative when there is none.</summary>
    public bool MayAddRepresentative { get; private set; }

    [BindProperty]
    public bool AddRepresentative { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } report)
        {
            return Redirect("/mijn-melding");
        }

        Form = ContactForm.From(report);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } report)
        {
            return Redirect("/mijn-melding");
        }

        var adding = MayAddRepresentative && AddRepresentative;
        Errors = ContactChange.Validate(Form, HasRepresentative, adding);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var changed = ContactChange.Apply(report, Form, adding);
        if (changed.Count > 0)
        {
            var now = clock.GetUtcNow();
            db.Set<CaseEvent>().Add(new CaseEvent
            {
                Id = Guid.CreateVersion7(now),
                CaseId = report.Id,
                At = now.UtcDateTime,
                ActorName = ReporterAccess.ActorOf(User).Name,
                Kind = "contact_changed",
                Details = string.Join(',', changed),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        if (Localization.Cultures.FromLanguage(report.Language) is { } culture)
        {
            Localization.Cultures.Remember(HttpContext, culture); // the pages follow the chosen language too
        }

        return Redirect("/mijn-melding?melding=contact");
    }

    private async Task<Report?> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id)
        {
            return null;
        }

        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        HasRepresentative = report?.RepresentativeName is not null;
        MayAddRepresentative = report is not null && !HasRepresentative && User.FindFirst(ReporterAccess.RepresentativeClaim)?.Value != "true";
        return report;
    }
}
