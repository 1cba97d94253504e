using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// "Call me back" about a message or letter (or about something else): the person chooses the message, the part of the
/// day and the number to call; customer contact calls back within two working days (<see cref="CallbackDesk"/>). The
/// mail's "call me back" link lands here with that message chosen. While a request is open the page says when we call.
/// </summary>
public sealed class CallbackModel(AppDbContext db, CallbackDesk desk) : PageModel
{
    /// <summary>The choice "about something else".</summary>
    public const string Other = "other";

    public string ReferenceNumber { get; private set; } = string.Empty;

    public IReadOnlyList<AskableMessage> Messages { get; private set; } = [];

    public CallbackRequest? Open { get; private set; }

    public bool Sent { get; private set; }

    [BindProperty]
    public string? About { get; set; }

    [BindProperty]
    public string? PartOfDay { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? over, bool? verstuurd, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } report)
        {
            return Redirect("/mijn-melding");
        }

        Sent = verstuurd == true;
        About = Messages.FirstOrDefault(m => m.Id.ToString("N") == over || m.Id.ToString() == over)?.Id.ToString("N");
        Phone = ReporterAccess.IsRepresentative(User) ? report.RepresentativePhone ?? report.Phone : report.Phone ?? report.RepresentativePhone;
        PartOfDay = report.PreferredTime.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } report)
        {
            return Redirect("/mijn-melding");
        }

        var about = Messages.FirstOrDefault(m => m.Id.ToString("N") == About);
        if (about is null && About != Other)
        {
            Errors["About"] = "Callback.Error.About";
        }

        if (!Enum.TryParse<ContactTime>(PartOfDay, out var part) || !Enum.IsDefined(part))
        {
            Errors["PartOfDay"] = "Callback.Error.PartOfDay";
        }

        var phone = Phone?.Trim();
        if (string.IsNullOrEmpty(phone))
        {
            Errors["Phone"] = "Callback.Error.Phone";
        }
        else if (!IntakeValidator.IsPhone(phone))
        {
            Errors["Phone"] = "Error.Phone.Invalid";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        if (Open is not null)
        {
            return Redirect("/mijn-melding/terugbellen?verstuurd=true"); // one open request at a time: a second click changes nothing
        }

        desk.Request(report.Id, about, part, phone!, ReporterAccess.PartyOf(User));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/mijn-melding/terugbellen?verstuurd=true");
    }

    private async Task<Report?> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id || await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } report)
        {
            return null;
        }

        ReferenceNumber = report.ReferenceNumber;
        Messages = await desk.MessagesAsync(id, cancellationToken);
        Open = await desk.OpenAsync(id, cancellationToken);
        return report;
    }
}
