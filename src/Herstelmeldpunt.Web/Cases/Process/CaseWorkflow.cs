using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Objections;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Process;

/// <summary>The outcome of a transition attempt: applied, or refused with the reason and the fields to correct.</summary>
public sealed record CaseTransitionOutcome(bool Applied, Refused? Refused)
{
    public static readonly CaseTransitionOutcome Done = new(true, null);

    public static CaseTransitionOutcome Refuse(RefusalReason reason, string key, params FieldProblem[] problems) => new(false, new Refused(reason, key, problems));
}

/// <summary>
/// The case process as the back office uses it: the engine decides, this class stores. A transition,
/// its journal row, its timers, its effects on the case and its entry actions (assignment, messages to
/// the reporter through the outbox) are saved in one transaction; the instance's version makes the
/// second of two racing transitions fail, and that person is asked to reload.
/// </summary>
public sealed class CaseWorkflow(AppDbContext db, WorkflowEngine engine, Steps.CaseStepRegistry steps, ReporterMessages reporterMessages, FollowUpPlanner planner, DecisionTerm decisionTerm, Audit.RetentionOptions retention, TimeProvider clock)
{
    /// <summary>States in which a case counts towards a committee member's workload.</summary>
    public static readonly IReadOnlyList<string> CommitteeStates = [CaseVocabulary.States.WithCommittee, CaseVocabulary.States.AdviceReview];

    /// <summary>Starts the process for a new report in the caller's unit of work (same SaveChanges as the report).</summary>
    public static void AddStart(AppDbContext db, WorkflowEngine engine, Report report, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(report);
        var (instance, start) = engine.Start(CaseVocabulary.DefinitionId, report.Id, actor, now);
        db.WorkflowInstances.Add(instance);
        db.WorkflowJournal.Add(start.Journal);
        db.WorkflowTimers.AddRange(start.NewTimers);
    }

    public async Task<CaseGuards> GuardsAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var reportId = instance.Id;
        var register = await IdentityMatch.StatusAsync(db, reportId, cancellationToken);
        var advice = await db.Advices.AsNoTracking().Include(a => a.Contributors).FirstOrDefaultAsync(a => a.Id == reportId, cancellationToken);
        var canCall = await db.Reports.Where(r => r.Id == reportId).Select(r => r.Phone != null || r.RepresentativePhone != null).FirstOrDefaultAsync(cancellationToken);
        var unanswered = await db.DecisionViews.LatestOf(reportId)
            .SelectMany(v => v.Points).CountAsync(p => p.Answer == null, cancellationToken);
        // Only the steps out of "objection" ask whether it can be decided: other states need no look-up.
        var objection = instance.State == CaseVocabulary.States.Objection ? await db.Objections.AsNoTracking().LatestOf(reportId).FirstOrDefaultAsync(cancellationToken) : null;
        return new CaseGuards(register, advice, await OpenCallAttemptAsync(reportId, cancellationToken), planner.MaxAttempts, canCall, unanswered, objection?.NotReadyToDecide());
    }

    public async Task<IReadOnlyList<TransitionOption>> OptionsAsync(WorkflowInstance instance, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return engine.Options(instance, actor, await GuardsAsync(instance, cancellationToken));
    }

    /// <summary>The confirmation of a withdrawal, and the closing message: both say how long the person's data is kept.</summary>
    public const string WithdrawnTemplate = "withdrawn";

    public const string ClosedTemplate = "case_closed";

    public const string KeptForPlaceholder = "kept_for";

    public async Task<CaseTransitionOutcome> ApplyAsync(Guid reportId, string transition, Actor actor, TransitionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == reportId, cancellationToken);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (instance is null || report is null)
        {
            return CaseTransitionOutcome.Refuse(RefusalReason.UnknownTransition, "Workflow.Refused.Unknown");
        }

        var now = clock.GetUtcNow();
        var result = engine.Apply(instance, transition, actor, await GuardsAsync(instance, cancellationToken), input, now);
        if (result.Applied is not { } applied)
        {
            return new CaseTransitionOutcome(false, result.Refused);
        }

        foreach (var effect in applied.Effects)
        {
            var problem = await steps.Effect(effect).ApplyAsync(new Steps.EffectContext(transition, report, actor, applied.Data, now), cancellationToken);
            if (problem is not null)
            {
                return CaseTransitionOutcome.Refuse(RefusalReason.InvalidInput, "Workflow.Refused.Input", problem);
            }
        }

        if (StepRules.Check(transition, applied.Data, AmsterdamTime.Today(clock)) is { } ruleProblem)
        {
            return CaseTransitionOutcome.Refuse(RefusalReason.InvalidInput, "Workflow.Refused.Input", ruleProblem);
        }

        if (transition == ObjectionTerm.Transition
            && ObjectionTerm.Check(transition, applied.Data, await db.Set<CaseDeadline>().Where(d => d.CaseId == reportId).Select(d => d.DecidedOn).FirstOrDefaultAsync(cancellationToken), byPerson: actor.Roles.Contains(CaseVocabulary.ReporterRole)) is { } objectionProblem)
        {
            return CaseTransitionOutcome.Refuse(RefusalReason.InvalidInput, "Workflow.Refused.Input", objectionProblem);
        }

        if (await decisionTerm.OnTransitionAsync(db, applied, applied.Data, AmsterdamTime.Today(clock), cancellationToken) is { } termProblem)
        {
            return CaseTransitionOutcome.Refuse(RefusalReason.InvalidInput, "Workflow.Refused.Input", termProblem);
        }

        foreach (var action in applied.EntryActions)
        {
            var refusal = await steps.Action(action.Action).OnEnterAsync(new Steps.EntryContext(instance, report, applied, action.With, now, this), cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        // Every process version: a withdrawal is confirmed to the person, with how long their data is kept (none of
        // v1–v4 names a message there; a later version that does uses the same key, so the person gets one).
        if (applied.Journal.ToState == CaseVocabulary.States.Withdrawn)
        {
            reporterMessages.Queue(report, WithdrawnTemplate, $"case:{instance.Id}:{applied.Journal.Sequence}:{WithdrawnTemplate}",
                new Dictionary<string, string> { [KeptForPlaceholder] = retention.KeptFor(CaseVocabulary.States.Withdrawn, report.Language) });
        }

        db.WorkflowJournal.Add(applied.Journal);
        db.WorkflowTimers.AddRange(applied.NewTimers);

        // Inside a caller's transaction (a timer firing) this joins it; otherwise it has its own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Leaving a state cancels the timers it started (they stay as rows, for audit). This runs
            // before SaveChanges, so the new state's timers (not yet stored) are never touched.
            if (applied.LeftState is { } left)
            {
                await db.WorkflowTimers
                    .Where(t => t.InstanceId == instance.Id && t.State == left && t.FiredAt == null && t.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.CancelledAt, now.UtcDateTime), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return CaseTransitionOutcome.Done;
        }
        catch (DbUpdateException) when (transaction is not null)
        {
            // DbUpdateConcurrencyException (the version moved on) or the unique journal sequence: someone else was first.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return CaseTransitionOutcome.Refuse(RefusalReason.Stale, "Workflow.Refused.Stale");
        }
    }

    /// <summary>
    /// The attempt number of the open follow-up call within its run of unanswered calls (1 for the first
    /// call, or the first after someone was reached), or 0 when no call is open.
    /// </summary>
    private async Task<int> OpenCallAttemptAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var calls = await db.FollowUpCalls.AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.Attempt).ToListAsync(cancellationToken);
        if (calls.Count == 0 || calls[^1].CalledAt is not null)
        {
            return 0;
        }

        return calls.Take(calls.Count - 1).Reverse().TakeWhile(c => c.Reached == false).Count() + 1;
    }

    /// <summary>Open committee cases per member, for the least-workload rule and the chair's overview.</summary>
    public async Task<IReadOnlyList<(string UserId, string Name, int OpenCases)>> CommitteeWorkloadAsync(CancellationToken cancellationToken)
    {
        var members = await (from ur in db.UserRoles
                             join r in db.Roles on ur.RoleId equals r.Id
                             join u in db.Users on ur.UserId equals u.Id
                             where r.Name == StaffRoles.CommitteeMember && !u.IsDisabled
                             select new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var open = await db.WorkflowInstances
            .Where(i => CommitteeStates.Contains(i.State) && i.AssigneeId != null)
            .GroupBy(i => i.AssigneeId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. members
            .Select(m => (m.Id, m.DisplayName, open.GetValueOrDefault(m.Id)))
            .OrderBy(m => m.Item3).ThenBy(m => m.DisplayName, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }
}
