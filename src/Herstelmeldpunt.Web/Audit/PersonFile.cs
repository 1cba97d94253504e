using System.IO.Compression;
using System.Text.Json;
using Herstelmeldpunt.Web.Common.Csv;
using Herstelmeldpunt.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Audit;

/// <summary>
/// One person's whole file for a request to see it (GDPR art. 15), as one ZIP: the report with every
/// field, the committee's advice, the directorate's proposal and conversation (the journal with its
/// fields), notes, changes the person made, messages sent, letters (PDF), documents, and who looked at
/// the case (the access log). Nothing of anyone else's report.
/// </summary>
public sealed class PersonFile(AppDbContext db, Documents.DocumentStore documents)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public async Task<byte[]?> BuildAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == caseId, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var advice = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == caseId, cancellationToken);
        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == caseId).OrderBy(j => j.Sequence)
            .Select(j => new { j.Sequence, j.At, j.ActorName, j.Role, j.Transition, j.FromState, j.ToState, j.Note, j.DataJson }).ToListAsync(cancellationToken);
        var notes = await db.Set<Cases.CaseNote>().AsNoTracking().Where(n => n.CaseId == caseId).OrderBy(n => n.At).Select(n => new { n.At, n.AuthorName, n.Text }).ToListAsync(cancellationToken);
        var events = await db.Set<Reporters.CaseEvent>().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.At).Select(e => new { e.At, e.ActorName, e.Kind, e.Details }).ToListAsync(cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId).OrderBy(m => m.CreatedAt).Select(m => new { m.CreatedAt, m.SentAt, m.ToAddress, m.Subject }).ToListAsync(cancellationToken);
        var deadline = await db.Set<Cases.Terms.CaseDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == caseId, cancellationToken);
        var letters = await db.CaseLetters.AsNoTracking().Where(l => l.CaseId == caseId).OrderBy(l => l.CreatedAt).ToListAsync(cancellationToken);
        var reads = await db.AccessLog.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.At).ToListAsync(cancellationToken);
        var files = await documents.ListAsync(caseId, cancellationToken);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            async Task AddAsync(string name, byte[] content)
            {
                await using var entry = await archive.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken);
                await entry.WriteAsync(content, cancellationToken);
            }

            await AddAsync("gegevens.json", JsonSerializer.SerializeToUtf8Bytes(new
            {
                report,
                advice = advice is null ? null : new { advice.Measures, advice.Compensation, advice.CompensationAmount, advice.CompensationDetails, advice.CompensationReasons, advice.NoAdditionalHelp, advice.NoAdditionalHelpReasons },
                deadline,
                journal,
                notes,
                changesByThePerson = events,
                messages,
            }, Json));
            var readsCsv = new List<IReadOnlyList<object?>> { new object?[] { "at", "staff", "roles", "action", "client_address" } };
            readsCsv.AddRange(reads.Select(a => (IReadOnlyList<object?>)[a.At.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), a.UserName, a.Roles, a.Action, a.ClientAddress]));
            await AddAsync("wie-keek-in-het-dossier.csv", CsvWriter.Write(readsCsv));
            foreach (var letter in letters)
            {
                await AddAsync($"brieven/{letter.CreatedAt:yyyy-MM-dd}-{letter.Template.Replace('_', '-')}-{letter.Id:N}.pdf", letter.Pdf);
            }

            foreach (var file in files)
            {
                if (await documents.OpenAsync(caseId, file.Id, cancellationToken) is { } opened)
                {
                    await using var content = opened.Content;
                    using var copy = new MemoryStream();
                    await content.CopyToAsync(copy, cancellationToken);
                    await AddAsync($"documenten/{file.Id:N}-{file.FileName}", copy.ToArray());
                }
            }
        }

        return zip.ToArray();
    }
}
