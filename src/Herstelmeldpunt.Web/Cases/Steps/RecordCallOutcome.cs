using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// A follow-up call's outcome on the open call: when, by whom, reached or not, and when reached the answers —
/// which must agree with the transition chosen (satisfied or not). Scoped.
/// </summary>
public sealed class RecordCallOutcome(AppDbContext db) : ICaseEffect, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Effects.RecordCallOutcome;

    public async Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var call = await db.FollowUpCalls.Where(c => c.CaseId == context.Report.Id && c.CalledAt == null).OrderByDescending(c => c.Attempt).FirstOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return new FieldProblem("note", "Workflow.Field.NoOpenCall");
        }

        var reached = context.Transition is CaseVocabulary.Transitions.CallSatisfied or CaseVocabulary.Transitions.CallDissatisfied;
        call.CalledAt = context.Now.UtcDateTime;
        call.CalledById = context.Actor.UserId;
        call.Reached = reached;
        call.Comments = context.Data.GetValueOrDefault(CaseVocabulary.Fields.Comments);
        await Promises.PromiseLedger.KeepAsync(db, context.Report.Id, [Promises.PromiseKind.Call], context.Now, cancellationToken); // we called, reached or not
        if (!reached)
        {
            return null;
        }

        SatisfactionData.CopyTo(context.Data, call);
        return SatisfactionData.Mismatch(call, choseDissatisfied: context.Transition == CaseVocabulary.Transitions.CallDissatisfied);
    }
}
