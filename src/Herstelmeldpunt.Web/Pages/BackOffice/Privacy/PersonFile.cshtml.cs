using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Privacy;

/// <summary>
/// A person's request to see their file (GDPR art. 15): find their reports by BSN (posted, never in the
/// address), then download one report's whole file (<see cref="PersonFile"/>). A reason is required; the
/// search and the download are in the access log and the audit log.
/// </summary>
public sealed class PersonFileModel(AppDbContext db, PersonFile personFile, TimeProvider clock) : PageModel
{
    public sealed record Found(Guid Id, string ReferenceNumber, DateTime ReceivedAt, string FullName);

    [BindProperty]
    public string? Bsn { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<Found> Reports { get; private set; } = [];

    public bool Searched { get; private set; }

    public IReadOnlyList<(string Field, string Key)> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken cancellationToken)
    {
        if (!Check(requireBsn: true))
        {
            return Page();
        }

        var bsn = Bsn is null ? string.Empty : Web.Reports.Bsn.Normalize(Bsn);
        var bsnHash = db.Cipher.BsnHash(bsn);
        Reports = await db.Reports.AsNoTracking().Where(r => r.BsnHash == bsnHash).OrderBy(r => r.ReceivedAt)
            .Select(r => new Found(r.Id, r.ReferenceNumber, r.ReceivedAt, r.FullName)).ToListAsync(cancellationToken);
        Searched = true;
        AccessLog.Record(db, clock, HttpContext, AccessActions.FoundByBsn, Reports.Select(r => (Guid?)r.Id), "access request: " + Reason!.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDownloadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!Check(requireBsn: false))
        {
            return Page();
        }

        if (await personFile.BuildAsync(id, cancellationToken) is not { } zip)
        {
            return NotFound();
        }

        var reference = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        AccessLog.Record(db, clock, HttpContext, AccessActions.PersonFileExported, id, "access request: " + Reason!.Trim());
        AuditLog.Record(db, clock, User, AuditActions.PersonFileExported, reference, "reason: " + Reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return File(zip, "application/zip", $"dossier-{reference}.zip");
    }

    private bool Check(bool requireBsn)
    {
        var errors = new List<(string, string)>();
        if (requireBsn && (Bsn is null || !Web.Reports.Bsn.IsValid(Bsn)))
        {
            errors.Add((nameof(Bsn), "PersonFile.Error.Bsn"));
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > 300)
        {
            errors.Add((nameof(Reason), "PersonFile.Error.Reason"));
        }

        Errors = errors;
        return errors.Count == 0;
    }
}
