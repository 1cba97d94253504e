using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// The satisfaction questions answered online after the calls did not reach the person: stored as one more
/// (reached) contact, so the figures count it like a call; the answers must agree with the transition chosen. Scoped.
/// </summary>
public sealed class RecordSurveyAnswer(AppDbContext db) : ICaseEffect, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Effects.RecordSurveyAnswer;

    public async Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var last = await db.FollowUpCalls.Where(c => c.CaseId == context.Report.Id).MaxAsync(c => (int?)c.Attempt, cancellationToken) ?? 0;
        var answer = new FollowUpCall
        {
            Id = Guid.CreateVersion7(context.Now),
            CaseId = context.Report.Id,
            Attempt = last + 1,
            ScheduledFor = context.Now.UtcDateTime,
            CalledAt = context.Now.UtcDateTime,
            Reached = true,
        };
        SatisfactionData.CopyTo(context.Data, answer);
        if (SatisfactionData.Mismatch(answer, choseDissatisfied: context.Transition == CaseVocabulary.Transitions.SurveyDissatisfied) is { } problem)
        {
            return problem;
        }

        db.FollowUpCalls.Add(answer);
        return null;
    }
}
