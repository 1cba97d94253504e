using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// A case as a partner sees it: reference, state, urgency, dates and the decision term — never the person's
/// name, BSN, contact details or descriptions, never staff notes or names.
/// </summary>
public sealed record CaseSummary(
    Guid Id,
    string ReferenceNumber,
    string State,
    string StateLabel,
    bool StateIsFinal,
    UrgencyLevel Urgency,
    ReportSource Source,
    DateTime ReceivedAt,
    DateTime StateChangedAt,
    DateOnly? DecisionDueOn);

/// <summary>One step of the status history: which step moved the case from which state to which, and when.</summary>
public sealed record StatusChange(string Transition, string? FromState, string ToState, string ToStateLabel, DateTime At);

/// <summary>The decision term (beslistermijn) and its suspension and extension, as the Zaken API has them.</summary>
public sealed record CaseDeadlines(DateOnly DueOn, bool Suspended, DateOnly? SuspendedSince, int SuspendedWorkingDays, int ExtendedWorkingDays, DateOnly? DecidedOn);

/// <summary>The committee's advice once approved: the kinds of recovery measures and of compensation, not the reasons.</summary>
public sealed record AdviceSummary(IReadOnlyList<RecoveryMeasureKind> RecoveryMeasures, CompensationKind? Compensation, decimal? CompensationAmount, bool NoAdditionalHelp);

/// <summary>The directorate's decision once final: whether it follows the advice, and on which day it became final.</summary>
public sealed record DecisionSummary(bool AdoptsAdvice, DateOnly DecidedOn);

public sealed record CaseDetail(CaseSummary Case, IReadOnlyList<StatusChange> History, CaseDeadlines? Deadlines, AdviceSummary? Advice, DecisionSummary? Decision);

public sealed record Link(string Href);

public sealed record PageLinks(Link Self, Link? Next);

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? NextCursor, PageLinks Links);

public static class CaseViews
{
    /// <summary>The rows a summary is made of, one query with the instance and the deadline.</summary>
    /// <remarks>A class with init properties, not a positional record: EF can filter and sort on a member-init projection.</remarks>
    public sealed class Row
    {
        public Guid Id { get; init; }

        public string ReferenceNumber { get; init; } = string.Empty;

        public UrgencyLevel Urgency { get; init; }

        public ReportSource Source { get; init; }

        public DateTime ReceivedAt { get; init; }

        public string DefinitionId { get; init; } = string.Empty;

        public int DefinitionVersion { get; init; }

        public string State { get; init; } = string.Empty;

        public DateTime StateEnteredAt { get; init; }

        public DateOnly? DueOn { get; init; }

        public DateOnly? SuspendedSince { get; init; }

        public DateOnly? SuspendedUntil { get; init; }

        public int ExtendedWorkingDays { get; init; }

        public string? ExtensionReason { get; init; }

        public DateOnly? DecidedOn { get; init; }
    }

    public static IQueryable<Row> Rows(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from r in db.Reports
               join i in db.WorkflowInstances on r.Id equals i.Id
               join d in db.Set<CaseDeadline>() on r.Id equals d.CaseId into deadlines
               from d in deadlines.DefaultIfEmpty()
               select new Row
               {
                   Id = r.Id,
                   ReferenceNumber = r.ReferenceNumber,
                   Urgency = r.Urgency,
                   Source = r.Source,
                   ReceivedAt = r.ReceivedAt,
                   DefinitionId = i.DefinitionId,
                   DefinitionVersion = i.DefinitionVersion,
                   State = i.State,
                   StateEnteredAt = i.StateEnteredAt,
                   DueOn = d == null ? null : d.DueOn,
                   SuspendedSince = d == null ? null : d.SuspendedSince,
                   SuspendedUntil = d == null ? null : d.SuspendedUntil,
                   ExtendedWorkingDays = d == null ? 0 : d.ExtendedWorkingDays,
                   ExtensionReason = d == null ? null : d.ExtensionReason,
                   DecidedOn = d == null ? null : d.DecidedOn,
               };
    }

    public static CaseSummary Summary(Row row, WorkflowCatalog catalog, string language)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(catalog);
        var state = catalog.Get(row.DefinitionId, row.DefinitionVersion).State(row.State);
        return new CaseSummary(
            row.Id,
            row.ReferenceNumber,
            row.State,
            state.Label.In(language),
            state.Final,
            row.Urgency,
            row.Source,
            DateTime.SpecifyKind(row.ReceivedAt, DateTimeKind.Utc),
            DateTime.SpecifyKind(row.StateEnteredAt, DateTimeKind.Utc),
            row.DueOn);
    }

    public static async Task<CaseDetail?> DetailAsync(AppDbContext db, WorkflowCatalog catalog, Guid id, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await Rows(db).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var journal = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.InstanceId == id)
            .OrderBy(j => j.Sequence)
            .Select(j => new { j.Transition, j.FromState, j.ToState, j.At, j.DefinitionId, j.DefinitionVersion })
            .ToListAsync(cancellationToken);
        var history = journal.Select(j => new StatusChange(
            j.Transition, j.FromState, j.ToState, catalog.Get(j.DefinitionId, j.DefinitionVersion).State(j.ToState).Label.In(language), DateTime.SpecifyKind(j.At, DateTimeKind.Utc))).ToList();

        var deadline = await db.Set<CaseDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == id, cancellationToken);
        var deadlines = deadline is null ? null : new CaseDeadlines(
            deadline.DueOn, deadline.SuspendedSince is not null && deadline.SuspendedUntil is null, deadline.SuspendedSince, deadline.SuspendedWorkingDays, deadline.ExtendedWorkingDays, deadline.DecidedOn);

        // The advice is the committee's once it left review; before that it is a draft.
        AdviceSummary? advice = null;
        if (journal.Any(j => j.Transition == CaseVocabulary.Transitions.ApproveAdvice))
        {
            var given = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (given is not null)
            {
                advice = new AdviceSummary([.. given.Measures.Select(m => m.Kind).Order()], given.Compensation, given.CompensationAmount, given.NoAdditionalHelp);
            }
        }

        DecisionSummary? decision = null;
        if (deadline?.DecidedOn is { } decidedOn && journal.Any(j => j.ToState == CaseVocabulary.States.DecisionFinal))
        {
            var proposal = await DecisionProposal.LatestAsync(db, id, cancellationToken);
            decision = new DecisionSummary(proposal?.AdoptsAdvice ?? true, decidedOn);
        }

        return new CaseDetail(Summary(row, catalog, language), history, deadlines, advice, decision);
    }
}
