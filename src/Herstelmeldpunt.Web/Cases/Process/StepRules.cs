using System.Globalization;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Process;

/// <summary>
/// Rules about step fields that the definition format cannot say (it knows types and required-ness):
/// here, that a conversation that was held, or an objection that came in, cannot be dated in the future. Thread-safe.
/// </summary>
public static class StepRules
{
    /// <summary>Date fields that record something that already happened, per transition.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> PastDates = new Dictionary<string, string[]>
    {
        [CaseVocabulary.Transitions.RecordConversation] = [CaseVocabulary.Fields.ConversationDate],
        [ObjectionTerm.Transition] = [ObjectionTerm.DateField],
    };

    public static FieldProblem? Check(string transition, IReadOnlyDictionary<string, string?> data, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var field in PastDates.GetValueOrDefault(transition) ?? [])
        {
            if (data.GetValueOrDefault(field) is { } value
                && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date > today)
            {
                return new FieldProblem(field, "Workflow.Field.NotInFuture");
            }
        }

        return null;
    }
}
