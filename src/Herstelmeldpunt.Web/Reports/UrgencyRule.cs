namespace Herstelmeldpunt.Web.Reports;

/// <summary>Stored by name; the numeric value orders queues (higher is more urgent).</summary>
public enum UrgencyLevel
{
    Normal = 1,
    High = 2,
    Acute = 3,
}

/// <summary>The reporter's answers to the urgency questions of the intake form.</summary>
public sealed record UrgencyAnswers(
    bool CrisisOrDanger,
    bool NoIncome,
    bool DebtCollectionOrEviction);

/// <summary>
/// Computes the urgency level of a report from the reporter's answers (seed 001: the most urgent
/// cases are helped first). Staff confirm or change it at screening, with a reason.
/// <list type="table">
/// <item><term>Acute</term><description>the person is in crisis or in danger.</description></item>
/// <item><term>High</term><description>no income now, or debt collection or eviction is under way, or both.</description></item>
/// <item><term>Normal</term><description>everything else.</description></item>
/// </list>
/// The kinds of trouble ticked (emotional, psychological, financial) do not change the level on
/// their own: the three concrete questions decide, so that the rule stays predictable.
/// </summary>
public static class UrgencyRule
{
    public static UrgencyLevel Compute(UrgencyAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.CrisisOrDanger)
        {
            return UrgencyLevel.Acute;
        }

        return answers.NoIncome || answers.DebtCollectionOrEviction ? UrgencyLevel.High : UrgencyLevel.Normal;
    }
}
