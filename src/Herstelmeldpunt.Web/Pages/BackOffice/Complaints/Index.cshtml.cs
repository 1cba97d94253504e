using System.Globalization;
using System.Text;
using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Complaints;

/// <summary>
/// The complaints officer's list (open complaints, the earliest due first) and the register of a year (Awb 9:12a:
/// counts by subject and outcome), also as CSV. Managers see the same.
/// </summary>
public sealed class IndexModel(AppDbContext db, ComplaintDesk desk, TimeProvider clock) : PageModel
{
    public sealed record OpenRow(Guid Id, string ReferenceNumber, ComplaintSubject Subject, DateOnly ReceivedOn, DateOnly DueOn, string? OfficerName);

    public IReadOnlyList<OpenRow> Open { get; private set; } = [];

    public int Year { get; private set; }

    public IReadOnlyList<(ComplaintSubject Subject, ComplaintOutcome? Outcome, int Count)> Register { get; private set; } = [];

    public async Task OnGetAsync(int? jaar, CancellationToken cancellationToken)
    {
        Year = jaar is >= 2000 and <= 2100 ? jaar.Value : AmsterdamTime.Today(clock).Year;
        Open = await (from c in db.Complaints.AsNoTracking()
                      where c.DecidedAt == null
                      join r in db.Reports on c.CaseId equals r.Id
                      orderby c.DueOn, c.ReceivedAt
                      select new OpenRow(c.Id, r.ReferenceNumber, c.Subject, c.ReceivedOn, c.DueOn, c.OfficerName)).Take(200).ToListAsync(cancellationToken);
        Register = await desk.RegisterAsync(Year, cancellationToken);
    }

    /// <summary>The register of the year as CSV: subject, outcome (empty while open), count.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int? jaar, CancellationToken cancellationToken)
    {
        var year = jaar is >= 2000 and <= 2100 ? jaar.Value : AmsterdamTime.Today(clock).Year;
        var csv = new StringBuilder("year,subject,outcome,count\n");
        foreach (var (subject, outcome, count) in await desk.RegisterAsync(year, cancellationToken))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{year},{subject},{outcome},{count}\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"klachtenregister-{year}.csv");
    }
}
