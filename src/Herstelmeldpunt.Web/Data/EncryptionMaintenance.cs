using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.TargetGroup;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// Keeps stored personal data encrypted with the current key. At start-up (after the migrations): rows
/// of an older database without their keyed hashes get them, and are encrypted on the way. The
/// "reencrypt" command rewrites every encrypted value of every table with the current key: after a key
/// rotation, and once after upgrading a database from before encryption.
/// </summary>
public static class EncryptionMaintenance
{
    private const int Batch = 500;

    /// <summary>Reports, register members and mails without their hash: matching and limits need it. Returns how many rows were written.</summary>
    public static async Task<int> BackfillHashesAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var written = 0;
        written += await RewriteAsync<Report>(services, q => q.Where(r => r.BsnHash == string.Empty && r.AnonymisedAt == null), cancellationToken);
        written += await RewriteAsync<TargetGroupMember>(services, q => q.Where(m => m.BsnHash == string.Empty), cancellationToken);
        if (written > 0)
        {
            // Reports and members that match only now: the register's "reported" follows.
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await RegisterReports.MarkFromStoredReportsAsync(db, db.TargetGroupMembers, cancellationToken);
        }

        written += await RewriteAsync<OutboxMessage>(services, q => q.Where(m => m.ToAddressHash == string.Empty), cancellationToken);
        return written;
    }

    /// <summary>Every row of every table with encrypted values, written again with the current key. Returns how many rows were written.</summary>
    public static async Task<int> ReencryptAllAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var total = 0;
        foreach (var (name, rewrite) in new (string, Func<Task<int>>)[]
        {
            ("Reports", () => RewriteAsync<Report>(services, q => q, cancellationToken)),
            ("TargetGroupMembers", () => RewriteAsync<TargetGroupMember>(services, q => q, cancellationToken)),
            ("OutboxMessages", () => RewriteAsync<OutboxMessage>(services, q => q, cancellationToken)),
            ("WorkflowJournal", () => RewriteAsync<WorkflowJournalEntry>(services, q => q, cancellationToken)),
            ("Advices", () => RewriteAsync<Advice>(services, q => q, cancellationToken)),
            ("RecoveryMeasures", () => RewriteAsync<RecoveryMeasure>(services, q => q, cancellationToken)),
            ("CaseDocuments", () => RewriteAsync<CaseDocument>(services, q => q, cancellationToken)),
            ("CaseEvents", () => RewriteAsync<CaseEvent>(services, q => q, cancellationToken)),
            ("CaseNotes", () => RewriteAsync<CaseNote>(services, q => q, cancellationToken)),
            ("FollowUpCalls", () => RewriteAsync<FollowUpCall>(services, q => q, cancellationToken)),
            ("CaseLetters", () => RewriteAsync<CaseLetter>(services, q => q, cancellationToken)),
            ("EmailChanges", () => RewriteAsync<Reporters.EmailChange>(services, q => q, cancellationToken)),
            ("IntakeDrafts", () => RewriteAsync<Intake.IntakeDraft>(services, q => q, cancellationToken)),
        })
        {
            var count = await rewrite();
            await output.WriteLineAsync($"{name}: {count} rows written with the current key");
            total += count;
        }

        return total;
    }

    /// <summary>Loads the rows in id order, a batch at a time, and saves each with all its encrypted values marked changed.</summary>
    private static async Task<int> RewriteAsync<T>(IServiceProvider services, Func<IQueryable<T>, IQueryable<T>> which, CancellationToken cancellationToken)
        where T : class
    {
        var written = 0;
        Guid? after = null;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var query = which(db.Set<T>());
            if (after is { } last)
            {
                query = query.Where(e => EF.Property<Guid>(e, "Id").CompareTo(last) > 0);
            }

            var rows = await query.OrderBy(e => EF.Property<Guid>(e, "Id")).Take(Batch).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return written;
            }

            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Modified; // every value is written again (encrypted); the hashes are set on save
            }

            await db.SaveChangesAsync(cancellationToken);
            written += rows.Count;
            after = (Guid)db.Entry(rows[^1]).Property("Id").CurrentValue!;
        }
    }
}
