using System.Text;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.TargetGroup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.TargetGroup;

/// <summary>
/// Import the target group from CSV. "Check" is a dry run: it lists every error per row (line, column,
/// problem) and what would change, and stores nothing. "Import" checks again and stores all rows in one
/// transaction — or nothing, while any row has an error. People already in the register are updated.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = MaxRequestBytes)]
public sealed class ImportModel(AppDbContext db, Web.Management.KeptFigures<Web.TargetGroup.RegisterCounts> registerCounts, TimeProvider clock) : PageModel
{
    public const int MaxFileBytes = 4 * 1024 * 1024;
    private const int MaxRequestBytes = (3 * MaxFileBytes) + (64 * 1024);

    /// <summary>The checked file, carried to the import step so that exactly what was previewed is imported.</summary>
    [BindProperty]
    public string? CsvContent { get; set; }

    public IReadOnlyList<ImportRow> Rows { get; private set; } = [];

    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public string? FileErrorKey { get; private set; }

    public int NewCount { get; private set; }

    public int UpdateCount { get; private set; }

    public bool Checked { get; private set; }

    public int? ImportedCount { get; private set; }

    public void OnGet(int? geimporteerd) => ImportedCount = geimporteerd;

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            FileErrorKey = "Import.Error.NoFile";
            return Page();
        }

        if (file.Length > MaxFileBytes)
        {
            FileErrorKey = "Import.Error.FileTooLarge";
            return Page();
        }

        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        CsvContent = await reader.ReadToEndAsync(cancellationToken);
        await CheckAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(CsvContent))
        {
            FileErrorKey = "Import.Error.NoFile";
            return Page();
        }

        await CheckAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.TargetGroupMembers.ToDictionaryAsync(m => m.Bsn, cancellationToken);
        foreach (var row in Rows)
        {
            if (!existing.TryGetValue(row.Bsn, out var member))
            {
                member = new TargetGroupMember { Id = Guid.CreateVersion7(clock.GetUtcNow()), Bsn = row.Bsn };
                db.TargetGroupMembers.Add(member);
            }

            member.FullName = row.FullName;
            member.BenefitType = row.BenefitType;
            member.ReassessmentDate = row.ReassessmentDate;
            member.Team = row.Team;
            member.AddressStreet = row.Address?.Street;
            member.AddressPostcode = row.Address?.Postcode;
            member.AddressCity = row.Address?.City;
            member.ImportedAt = now;
        }

        AuditLog.Record(db, clock, User, AuditActions.TargetGroupImported, "doelgroep", $"{Rows.Count} rows: {NewCount} new, {UpdateCount} updated");
        await db.SaveChangesAsync(cancellationToken);
        var imported = db.TargetGroupMembers.Where(m => m.ImportedAt == now);
        await RegisterReports.MarkFromStoredReportsAsync(db, imported, cancellationToken); // who reported before they were in the register
        await transaction.CommitAsync(cancellationToken);

        // A report stored while this import ran did not see its new members yet, and the import did not see that report: once more.
        await RegisterReports.MarkFromStoredReportsAsync(db, imported, CancellationToken.None);
        await registerCounts.ComputeAndStoreAsync(CancellationToken.None); // the overview shows the new size at once
        return RedirectToPage("/BackOffice/TargetGroup/Import", new { geimporteerd = Rows.Count });
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        (Rows, Errors) = TargetGroupCsv.Read(CsvContent!, AmsterdamTime.Today(clock));
        var bsns = Rows.Select(r => r.Bsn).ToList();
        var known = (await db.TargetGroupMembers.Select(m => m.Bsn).ToListAsync(cancellationToken)).ToHashSet();
        UpdateCount = bsns.Count(known.Contains);
        NewCount = bsns.Count - UpdateCount;
        Checked = true;
    }
}
