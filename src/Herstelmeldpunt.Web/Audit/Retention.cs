using Hangfire;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Audit;

/// <summary>
/// How long a case keeps the person's data after it ended, per final state (GDPR art. 5(1)(e)). Refused
/// at start-up below <see cref="FloorDays"/>: a mistyped "30" must not wipe a month of cases.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>No period may be shorter: a person can object, complain or ask about a decision for a year.</summary>
    public const int FloorDays = 365;

    /// <summary>Closed after a decision (also an objection dismissed): 7 years, as financial records.</summary>
    public int ClosedDays { get; set; } = 2557;

    /// <summary>Withdrawn by the person.</summary>
    public int WithdrawnDays { get; set; } = 730;

    /// <summary>Closed as outside the target group.</summary>
    public int OutsideTargetGroupDays { get; set; } = 730;

    /// <summary>Cases anonymised per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Cron (Amsterdam time) of the daily run.</summary>
    public string Cron { get; set; } = "15 2 * * *";

    /// <summary>The periods, refused below the floor with a message naming the setting.</summary>
    public RetentionOptions Checked()
    {
        foreach (var (name, days) in new[] { (nameof(ClosedDays), ClosedDays), (nameof(WithdrawnDays), WithdrawnDays), (nameof(OutsideTargetGroupDays), OutsideTargetGroupDays) })
        {
            if (days < FloorDays)
            {
                throw new InvalidOperationException($"{Section}:{name} is {days} days; no retention period may be shorter than {FloorDays} days.");
            }
        }

        return BatchSize < 1 ? throw new InvalidOperationException($"{Section}:{nameof(BatchSize)} must be at least 1.") : this;
    }

    /// <summary>How long data is kept, as a person reads it in a message: "7 jaar" / "7 years" (whole years, rounded).</summary>
    public string KeptFor(string finalState, string language)
    {
        var years = (int)Math.Round(DaysFor(finalState) / 365.25);
        return language == "en" ? (years == 1 ? "1 year" : $"{years} years") : $"{years} jaar";
    }

    /// <summary>The period of a final state (any other final state counts as closed).</summary>
    public int DaysFor(string finalState) => finalState switch
    {
        CaseVocabulary.States.Withdrawn => WithdrawnDays,
        CaseVocabulary.States.ClosedOutsideTargetGroup => OutsideTargetGroupDays,
        _ => ClosedDays,
    };
}

/// <summary>One anonymised case: which, when, why — no personal data (append-only, like the access log).</summary>
public sealed class DeletionLogEntry
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The reference on the person's letters, so a later question about the case can be answered.</summary>
    public string ReferenceNumber { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    public string FinalState { get; set; } = string.Empty;

    /// <summary>UTC: when the case entered its final state.</summary>
    public DateTime FinalSince { get; set; }

    public int RetentionDays { get; set; }

    /// <summary>What went, as counts ("documents=2; letters=3; notes=1; mails=4").</summary>
    public string Removed { get; set; } = string.Empty;
}

/// <summary>
/// Once a day (Hangfire, queue "default"): every case whose final state is older than its retention
/// period is anonymised — BSN, names, date of birth, contact details and address, free texts (description,
/// notes, step notes and answers, advice reasons, call comments, events), documents (files too), letters,
/// mails and Mijn melding links — while what the figures count stays: dates, states, urgency, source,
/// journal steps, deadlines, timers, scores, amounts. One deletion-log row per case; receipt caps older than a day go too. Each case once: the
/// anonymisation is claimed by a conditional update, so two runs never do a case twice. Scoped.
/// </summary>
public sealed partial class Retention(AppDbContext db, RetentionOptions options, Intake.IntakeOptions intake, DocumentStore documents, Herstelmeldpunt.Workflow.Definitions.WorkflowCatalog catalog, TimeProvider clock, ILogger<Retention> logger)
{
    /// <summary>What a dry run finds: per final state, the period and the cases past it.</summary>
    public sealed record Due(string FinalState, int RetentionDays, int Cases);

    [AutomaticRetry(Attempts = 0)]
    [Queue("default")]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var batch = await CandidatesAsync(options.BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var candidate in batch)
            {
                total += await AnonymiseAsync(candidate.Id, candidate.State, candidate.StateEnteredAt, cancellationToken) ? 1 : 0;
            }
        }

        // The receipt caps (a hash of an address and a time) are kept only as long as they cap anything.
        var capsBefore = (clock.GetUtcNow() - (intake.ReceiptMailInterval > TimeSpan.FromDays(1) ? intake.ReceiptMailInterval : TimeSpan.FromDays(1))).UtcDateTime;
        await db.Set<Intake.ReceiptMailCap>().Where(c => c.LastQueuedAt < capsBefore).ExecuteDeleteAsync(cancellationToken);

        LogRun(total);
        return total;
    }

    /// <summary>Counts what a run would anonymise now, changing nothing.</summary>
    public async Task<IReadOnlyList<Due>> DryRunAsync(CancellationToken cancellationToken)
    {
        var result = new List<Due>();
        foreach (var state in catalog.FinalStates)
        {
            result.Add(new Due(state, options.DaysFor(state), await (await DueInAsync(state, cancellationToken)).CountAsync(cancellationToken)));
        }

        return result;
    }

    private async Task<List<(Guid Id, string State, DateTime StateEnteredAt)>> CandidatesAsync(int take, CancellationToken cancellationToken)
    {
        var found = new List<(Guid, string, DateTime)>();
        foreach (var state in catalog.FinalStates)
        {
            var rows = await (await DueInAsync(state, cancellationToken)).OrderBy(i => i.StateEnteredAt)
                .Select(i => new { i.Id, i.State, i.StateEnteredAt }).Take(take - found.Count).ToListAsync(cancellationToken);
            found.AddRange(rows.Select(r => (r.Id, r.State, r.StateEnteredAt)));
            if (found.Count >= take)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// The cases in this final state past its period and not yet anonymised. Cases are done oldest first,
    /// so everything that entered the state before the newest one in the deletion log has been done: the
    /// search starts there (at 1M reports, walking the anonymised history took 0.5 s per state and batch).
    /// A case that leaves a final state and comes back gets a new, later time, so it is not missed.
    /// </summary>
    private async Task<IQueryable<WorkflowInstance>> DueInAsync(string state, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.DaysFor(state));
        var start = await db.DeletionLog.Where(d => d.FinalState == state).MaxAsync(d => (DateTime?)d.FinalSince, cancellationToken) ?? DateTime.MinValue;
        return from i in db.WorkflowInstances.AsNoTracking()
               where i.State == state && i.StateEnteredAt >= start && i.StateEnteredAt < cutoff
               join r in db.Reports on i.Id equals r.Id
               where r.AnonymisedAt == null
               select i;
    }

    private async Task<bool> AnonymiseAsync(Guid caseId, string finalState, DateTime finalSince, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The claim: only one run anonymises a case, and it is done once.
        var claimed = await db.Reports.Where(r => r.Id == caseId && r.AnonymisedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.AnonymisedAt, now)
            .SetProperty(r => r.FullName, string.Empty)
            .SetProperty(r => r.Bsn, string.Empty)
            .SetProperty(r => r.BsnHash, string.Empty)
            .SetProperty(r => r.NameIndex, string.Empty)
            .SetProperty(r => r.DateOfBirth, DateOnly.MinValue)
            .SetProperty(r => r.Email, (string?)null)
            .SetProperty(r => r.Phone, (string?)null)
            .SetProperty(r => r.AddressStreet, (string?)null)
            .SetProperty(r => r.AddressPostcode, (string?)null)
            .SetProperty(r => r.AddressCity, (string?)null)
            .SetProperty(r => r.RepresentativeName, (string?)null)
            .SetProperty(r => r.RepresentativeRelation, (string?)null)
            .SetProperty(r => r.RepresentativeEmail, (string?)null)
            .SetProperty(r => r.RepresentativePhone, (string?)null)
            .SetProperty(r => r.Description, string.Empty)
            .SetProperty(r => r.StaffReason, (string?)null), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var reference = await db.Reports.Where(r => r.Id == caseId).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        await db.WorkflowJournal.Where(j => j.InstanceId == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Note, (string?)null)
            .SetProperty(j => j.DataJson, (string?)null), cancellationToken);
        await db.Set<Reporters.CaseEvent>().Where(e => e.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, string.Empty), cancellationToken);
        await db.Set<RecoveryMeasure>().Where(m => m.AdviceId == caseId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Reasons, string.Empty), cancellationToken);
        await db.Advices.Where(a => a.Id == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.CompensationDetails, (string?)null)
            .SetProperty(a => a.CompensationReasons, (string?)null)
            .SetProperty(a => a.NoAdditionalHelpReasons, (string?)null)
            .SetProperty(a => a.ForThePerson, (string?)null), cancellationToken);
        await db.Set<Cases.Views.DecisionViewPoint>().Where(p => db.DecisionViews.Any(v => v.Id == p.ViewId && v.CaseId == caseId)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Text, string.Empty)
            .SetProperty(p => p.Answer, (string?)null), cancellationToken);
        await db.SituationReports.Where(w => w.CaseId == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.Text, (string?)null)
            .SetProperty(w => w.KeptReason, (string?)null), cancellationToken);
        await db.FollowUpCalls.Where(c => c.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Comments, (string?)null), cancellationToken);
        await db.Objections.Where(o => o.CaseId == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Grounds, string.Empty)
            .SetProperty(o => o.RepresentativeName, (string?)null)
            .SetProperty(o => o.RepresentativeContact, (string?)null)
            .SetProperty(o => o.LateReason, (string?)null)
            .SetProperty(o => o.LatenessReasons, (string?)null)
            .SetProperty(o => o.HearingReport, (string?)null), cancellationToken);
        await db.ConversationSlots.Where(c => c.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ManageTokenHash, (string?)null), cancellationToken);
        await db.Complaints.Where(c => c.CaseId == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Text, string.Empty)
            .SetProperty(c => c.ExtensionReason, (string?)null)
            .SetProperty(c => c.HearingReport, (string?)null)
            .SetProperty(c => c.Decision, (string?)null), cancellationToken);
        await db.CallbackRequests.Where(c => c.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Phone, string.Empty), cancellationToken);
        var notes = await db.Set<CaseNote>().Where(n => n.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);
        var letters = await db.CaseLetters.Where(l => l.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);
        var mails = await db.OutboxMessages.Where(m => m.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);
        await db.ReporterAccessTokens.Where(t => t.ReportId == caseId).ExecuteDeleteAsync(cancellationToken);
        await db.EmailChanges.Where(c => c.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ReporterEstimate>().Where(e => e.CaseId == caseId).ExecuteDeleteAsync(cancellationToken);

        // Files go before the commit: should the commit fail, the next run finds the case again and
        // removes the rows; a file is never left behind for a case that counts as anonymised.
        var files = await documents.DeleteCaseAsync(caseId, cancellationToken);
        db.Set<DeletionLogEntry>().Add(new DeletionLogEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            CaseId = caseId,
            ReferenceNumber = reference,
            At = now,
            FinalState = finalState,
            FinalSince = finalSince,
            RetentionDays = options.DaysFor(finalState),
            Removed = $"documents={files}; letters={letters}; notes={notes}; mails={mails}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Count} cases anonymised")]
    private partial void LogRun(int count);
}
