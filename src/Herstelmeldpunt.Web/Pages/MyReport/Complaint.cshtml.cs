using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// A complaint about how the person was treated (Awb chapter 9) — not about the decision (that is an objection): what it
/// is about, what happened, whether they want to explain it in a conversation. Acknowledged in writing with the date it
/// will be decided by (<see cref="ComplaintDesk"/>). The page lists their complaints with the findings once decided.
/// </summary>
public sealed class ComplaintModel(AppDbContext db, ComplaintDesk desk) : PageModel
{
    public string ReferenceNumber { get; private set; } = string.Empty;

    public IReadOnlyList<Complaint> Complaints { get; private set; } = [];

    [BindProperty]
    public ComplaintInput Complaint { get; set; } = new();

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

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

        var (subject, text, wantsHearing, errors) = Complaint.Validate();
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == ReporterAccess.ReportIdOf(User)!.Value, cancellationToken);
        var party = ReporterAccess.PartyOf(User);
        desk.File(report, subject, text, wantsHearing, ComplaintChannel.MyReport, party);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/mijn-melding/klacht?verstuurd=true");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (ReporterAccess.ReportIdOf(User) is not { } id)
        {
            return false;
        }

        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        Complaints = await db.Complaints.AsNoTracking().Where(c => c.CaseId == id).OrderByDescending(c => c.ReceivedAt).ToListAsync(cancellationToken);
        return true;
    }
}
