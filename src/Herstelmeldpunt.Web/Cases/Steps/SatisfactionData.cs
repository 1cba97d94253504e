using System.Globalization;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Steps;

/// <summary>The satisfaction answers in a step's fields (a call's outcome or the emailed questions), read in one place onto a follow-up contact.</summary>
public static class SatisfactionData
{
    public static void CopyTo(IReadOnlyDictionary<string, string?> data, FollowUpCall contact)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(contact);
        contact.Satisfaction = int.TryParse(data.GetValueOrDefault(CaseVocabulary.Fields.Satisfaction), CultureInfo.InvariantCulture, out var score) ? score : null;
        contact.SatisfiedWithProvision = data.GetValueOrDefault(CaseVocabulary.Fields.SatisfiedWithProvision) == "yes";
        contact.ActionNeeded = data.GetValueOrDefault(CaseVocabulary.Fields.ActionNeeded) == "yes";
        contact.Comments = data.GetValueOrDefault(CaseVocabulary.Fields.Comments);
    }

    /// <summary>The refusal when the answers say the other thing than the transition chosen (satisfied or not), else null.</summary>
    public static FieldProblem? Mismatch(FollowUpCall contact, bool choseDissatisfied)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return contact.IsDissatisfied == choseDissatisfied ? null
            : new FieldProblem(CaseVocabulary.Fields.SatisfiedWithProvision, contact.IsDissatisfied ? "Workflow.Field.UseDissatisfied" : "Workflow.Field.UseSatisfied");
    }
}
