using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>Routing confirms the urgency: a level is required, and a changed level needs its reason. Sets it on the report.</summary>
public sealed class ConfirmUrgency : ICaseEffect, INamedCaseStep
{
    public static string StepName => CaseVocabulary.Effects.ConfirmUrgency;

    public Task<FieldProblem?> ApplyAsync(EffectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Enum.TryParse<UrgencyLevel>(context.Data.GetValueOrDefault(CaseVocabulary.Fields.Urgency), out var urgency) || !Enum.IsDefined(urgency))
        {
            return Task.FromResult<FieldProblem?>(new FieldProblem(CaseVocabulary.Fields.Urgency, "Workflow.Field.Required"));
        }

        if (urgency != context.Report.Urgency && string.IsNullOrWhiteSpace(context.Data.GetValueOrDefault(CaseVocabulary.Fields.UrgencyReason)))
        {
            return Task.FromResult<FieldProblem?>(new FieldProblem(CaseVocabulary.Fields.UrgencyReason, "Workflow.Field.UrgencyReason"));
        }

        context.Report.Urgency = urgency;
        return Task.FromResult<FieldProblem?>(null);
    }
}
