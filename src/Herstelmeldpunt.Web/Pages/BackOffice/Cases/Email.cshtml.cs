using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// Staff change an email address on the person's behalf (they called or wrote): as on Mijn melding, the new address
/// must be confirmed from its mailbox and the old one is told with a way to undo it; until then mail goes to the old
/// address. Intake, customer contact and managers. The page shows the addresses (staff need them to help on the phone).
/// </summary>
public sealed class EmailModel(AppDbContext db, EmailChanges changes, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string> { StaffRoles.IntakeStaff, StaffRoles.CustomerContact, StaffRoles.Manager };

    public Guid CaseId { get; private set; }

    public string ReferenceNumber { get; private set; } = string.Empty;

    public string? CurrentEmail { get; private set; }

    public string? CurrentRepresentativeEmail { get; private set; }

    public bool HasRepresentative { get; private set; }

    public IReadOnlyList<EmailChange> Pending { get; private set; } = [];

    /// <summary>"Reporter" or "Representative".</summary>
    [BindProperty]
    public string? Whose { get; set; }

    [BindProperty]
    public string? NewAddress { get; set; }

    public IReadOnlyList<Forms.FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool verstuurd, CancellationToken cancellationToken)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        Sent = verstuurd;
        return await LoadAsync(id, cancellationToken) is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!Roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        if (await LoadAsync(id, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        var forRepresentative = Whose == "Representative";
        var errors = new List<Forms.FieldError>();
        if (Whose is not ("Reporter" or "Representative") || (forRepresentative && !HasRepresentative))
        {
            errors.Add(new(nameof(Whose), "StaffEmail.Error.Whose"));
        }

        var address = ContactRules.Clean(NewAddress);
        if (address is null)
        {
            errors.Add(new(nameof(NewAddress), "StaffEmail.Error.Required"));
        }
        else if (!IntakeValidator.IsEmail(address) || address.Length > Reports.FieldLimits.Email)
        {
            errors.Add(new(nameof(NewAddress), "Error.Email.Invalid"));
        }
        else if (string.Equals(address, forRepresentative ? report.RepresentativeEmail : report.Email, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new(nameof(NewAddress), "StaffEmail.Error.Same"));
        }

        Errors = errors;
        if (errors.Count > 0)
        {
            return Page();
        }

        await changes.RequestAsync(report, forRepresentative, address!, StaffActor.From(User).Name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/backoffice/meldingen/{id}/e-mailadres?verstuurd=true");
    }

    private async Task<Reports.Report?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return null;
        }

        (CaseId, ReferenceNumber, CurrentEmail, CurrentRepresentativeEmail, HasRepresentative) =
            (id, report.ReferenceNumber, report.Email, report.RepresentativeEmail, report.RepresentativeName is not null);
        Pending = await EmailChanges.PendingAsync(db, clock.GetUtcNow().UtcDateTime, id, cancellationToken);
        Audit.AccessLog.Record(db, clock, HttpContext, Audit.AccessActions.CaseViewed, id, "e-mailadres");
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }
}
