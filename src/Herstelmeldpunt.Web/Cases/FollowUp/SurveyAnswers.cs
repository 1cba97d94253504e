using System.Globalization;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Forms;

namespace Herstelmeldpunt.Web.Cases.FollowUp;

/// <summary>
/// The satisfaction questions as the person answers them on Mijn melding when the follow-up calls did not reach
/// them: the form, its rules (one home for them; the page binds, calls and redirects), and what the answers lead to —
/// by the same rule as a call (<see cref="FollowUpCall.IsDissatisfiedAnswer"/>), back to a manager when not satisfied.
/// </summary>
public sealed class SurveyAnswers
{
    /// <summary>The longest comment (the column's size).</summary>
    public const int MaxComments = Reports.FieldLimits.LongText;

    /// <summary>1 to 5.</summary>
    public string? Satisfaction { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? SatisfiedWithProvision { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? ActionNeeded { get; set; }

    public string? Comments { get; set; }

    /// <summary>What is missing or wrong, in page order with the id of its field; none when the answers may be sent.</summary>
    public IReadOnlyList<FieldError> Validate(bool mayAnswer)
    {
        var errors = new List<FieldError>();
        if (!mayAnswer)
        {
            errors.Add(new FieldError("Survey_Satisfaction", "MyReport.Error.NoSurvey"));
        }

        if (Satisfaction is not ("1" or "2" or "3" or "4" or "5"))
        {
            errors.Add(new FieldError("Survey_Satisfaction", "MyReport.Error.Satisfaction"));
        }

        if (SatisfiedWithProvision is not ("yes" or "no"))
        {
            errors.Add(new FieldError("Survey_SatisfiedWithProvision", "MyReport.Error.SatisfiedWithProvision"));
        }

        if (ActionNeeded is not ("yes" or "no"))
        {
            errors.Add(new FieldError("Survey_ActionNeeded", "MyReport.Error.ActionNeeded"));
        }

        if (Comments?.Length > MaxComments)
        {
            errors.Add(new FieldError("Survey_Comments", "MyReport.Error.AnswerTooLong"));
        }

        return errors;
    }

    /// <summary>The transition valid answers lead to (a method: the form's model binding and validation read every property).</summary>
    public string Transition() =>
        FollowUpCall.IsDissatisfiedAnswer(int.Parse(Satisfaction!, CultureInfo.InvariantCulture), SatisfiedWithProvision == "yes", ActionNeeded == "yes")
            ? CaseVocabulary.Transitions.SurveyDissatisfied
            : CaseVocabulary.Transitions.SurveySatisfied;

    /// <summary>The answers as the transition's data (the journal keeps them).</summary>
    public Dictionary<string, string?> Data() => new()
    {
        [CaseVocabulary.Fields.Satisfaction] = Satisfaction,
        [CaseVocabulary.Fields.SatisfiedWithProvision] = SatisfiedWithProvision,
        [CaseVocabulary.Fields.ActionNeeded] = ActionNeeded,
        [CaseVocabulary.Fields.Comments] = string.IsNullOrWhiteSpace(Comments) ? null : Comments.Trim(),
    };
}
