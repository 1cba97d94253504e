using System.Globalization;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Terms;

/// <summary>
/// The objection term (Awb 6:7, 6:8): six weeks from the day after the decision was made known. An
/// objection registered with a date after that needs the reason it is excusable (Awb 6:11); it cannot be
/// dated before the decision (nor in the future: <see cref="StepRules"/>). Thread-safe.
/// </summary>
public static class ObjectionTerm
{
    public const string Transition = CaseVocabulary.Transitions.RegisterObjection;

    public const string DateField = CaseVocabulary.Fields.ObjectionDate;

    public const string LateReasonField = CaseVocabulary.Fields.LateReason;

    public const int Days = 42;

    /// <summary>The placeholder of the decision's email and letter that names the last day to object.</summary>
    public const string UntilPlaceholder = "objection_until";

    /// <param name="decidedOn">The day the decision became final (<see cref="CaseDeadline.DecidedOn"/>).</param>
    /// <param name="byPerson">The person objects themselves (v6, Mijn melding): late is registered without a reason too, and marked for a decision on lateness.</param>
    public static FieldProblem? Check(string transition, IReadOnlyDictionary<string, string?> data, DateOnly? decidedOn, bool byPerson = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (transition != Transition || decidedOn is not { } decided
            || !DateOnly.TryParseExact(data.GetValueOrDefault(DateField), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var received))
        {
            return null;
        }

        if (received < decided)
        {
            return new FieldProblem(DateField, "Workflow.Field.ObjectionBeforeDecision");
        }

        return !byPerson && received > LastDay(decided) && string.IsNullOrWhiteSpace(data.GetValueOrDefault(LateReasonField))
            ? new FieldProblem(LateReasonField, "Workflow.Field.ObjectionLate")
            : null;
    }

    /// <summary>The last day an objection is on time.</summary>
    public static DateOnly LastDay(DateOnly decidedOn) => decidedOn.AddDays(Days);
}
