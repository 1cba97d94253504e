using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>
/// The person's response to a proposed decision (v5 on), on the round <see cref="ViewTerm"/> opened: agreed, a written
/// view with its points (each to be answered before the decision is final), a call asked for, or the term ended.
/// Recorded once: a round that has its response refuses a second (two tabs, a timer racing the person). Scoped.
/// </summary>
public sealed class RecordView(AppDbContext db) : ICaseEffect, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Effects.RecordView;

    public async Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var round = await db.DecisionViews.Include(v => v.Points)
            .LatestOf(context.Report.Id).FirstOrDefaultAsync(cancellationToken);
        if (context.Transition == CaseVocabulary.Transitions.RecordConversation)
        {
            // The conversation is the hearing when the person did not respond otherwise; after "call me" it is what they asked for.
            if (round is { Response: null })
            {
                (round.Response, round.RespondedAt, round.RecordedByStaff) = (ViewResponse.Discussed, context.Now.UtcDateTime, true);
            }

            return null;
        }

        if (round is null || round.Response is not null)
        {
            return new FieldProblem(string.Empty, "Workflow.Field.ViewAlreadyGiven");
        }

        round.Response = context.Transition switch
        {
            CaseVocabulary.Transitions.SubmitView => ViewResponse.Written,
            CaseVocabulary.Transitions.AgreeWithProposal => ViewResponse.Agreed,
            CaseVocabulary.Transitions.RequestViewCall => ViewResponse.CallRequested,
            _ => ViewResponse.TermEnded,
        };
        round.RespondedAt = context.Now.UtcDateTime;
        round.RecordedByStaff = !context.Actor.Roles.Contains(CaseVocabulary.ReporterRole) && !context.Actor.Roles.Contains(Actor.SystemRole);
        var number = 0;
        foreach (var field in CaseVocabulary.Fields.ViewPoints)
        {
            if (context.Data.GetValueOrDefault(field) is { } text && !string.IsNullOrWhiteSpace(text))
            {
                // Added to the set, not only to the navigation: a new row with its key already set would otherwise be taken for an existing one.
                db.Set<DecisionViewPoint>().Add(new DecisionViewPoint { Id = Guid.CreateVersion7(context.Now), ViewId = round.Id, Number = ++number, Text = text.Trim() });
            }
        }

        return null;
    }
}
