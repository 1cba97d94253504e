using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Cases.Process;

/// <summary>The case process's guards, evaluated on facts loaded for one case.</summary>
/// <param name="callAttempt">The attempt number of the follow-up call now open (0 when none).</param>
/// <param name="canCall">Someone can be called about the report (<see cref="Reporters.ContactRule"/>).</param>
/// <param name="unansweredViewPoints">Points of the person's view on the latest proposal that have no answer yet.</param>
/// <param name="objectionNotReady">Why the latest objection cannot be decided yet (a text key), or null.</param>
public sealed class CaseGuards(RegisterStatus register, Advice? advice, int callAttempt = 0, int maxCallAttempts = 3, bool canCall = true, int unansweredViewPoints = 0, string? objectionNotReady = null) : IGuardEvaluator
{
    public GuardVerdict Evaluate(string guard, Actor actor, WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(instance);
        return guard switch
        {
            CaseVocabulary.Guards.InTargetGroupRegister => register switch
            {
                RegisterStatus.Match or RegisterStatus.ResolvedSamePerson => GuardVerdict.Pass,
                RegisterStatus.NameMismatch => GuardVerdict.Refuse("Guard.IdentityMismatch"),
                _ => GuardVerdict.Refuse("Guard.NotInRegister"),
            },

            // A committee member acts only on the cases assigned to them; the chair on all of the committee's.
            CaseVocabulary.Guards.AssignedToActor => CaseAccess.IsAssignedOrChair(actor, instance)
                ? GuardVerdict.Pass
                : GuardVerdict.Refuse("Guard.NotAssigned"),
            CaseVocabulary.Guards.AdviceComplete => advice?.IsComplete == true ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.AdviceIncomplete"),

            // Four eyes: nobody who wrote any part of the advice can approve or return it.
            CaseVocabulary.Guards.NotAdviceAuthor => advice is null ? GuardVerdict.Refuse("Guard.AdviceIncomplete")
                : advice.WrittenBy(actor.UserId) ? GuardVerdict.Refuse("Guard.FourEyes")
                : GuardVerdict.Pass,
            // Not reached: try again, up to the maximum; the last failed attempt leads to a letter or email.
            CaseVocabulary.Guards.CallAttemptsLeft => callAttempt < maxCallAttempts ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.LastAttempt"),
            CaseVocabulary.Guards.LastCallAttempt => callAttempt >= maxCallAttempts ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.AttemptsLeft"),
            // v5: the person reads the committee's explanation with the proposed decision, so the advice has one.
            CaseVocabulary.Guards.AdviceExplained => advice?.ForThePerson is { Length: > 0 } ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.AdviceNotExplained"),

            // Never promise a call to someone we cannot call.
            CaseVocabulary.Guards.ReporterCanBeCalled => canCall ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.NoPhone"),

            // Awb 3:46: the decision's reasons answer the view; every point the person raised has an answer first.
            CaseVocabulary.Guards.ViewAnswered => unansweredViewPoints == 0 ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.ViewNotAnswered"),

            // Awb 7:2 and 6:11 (v6): the person was heard or waived it, and a late objection's lateness is decided first.
            CaseVocabulary.Guards.ObjectionHeard => objectionNotReady is null ? GuardVerdict.Pass : GuardVerdict.Refuse(objectionNotReady),
            _ => throw new InvalidOperationException($"Unknown guard '{guard}' (the definition was validated against CaseVocabulary)."),
        };
    }
}

/// <summary>
/// Who may work on a case's advice — the one home of the rule the guard, the advice page and the case
/// page share: the member it is assigned to, or the chair (on every committee case), while the case is
/// with the committee.
/// </summary>
public static class CaseAccess
{
    public static bool IsAssignedOrChair(Actor actor, WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(instance);
        return instance.AssigneeId == actor.UserId || actor.Roles.Contains(StaffRoles.CommitteeChair);
    }

    public static bool MayWorkOnAdvice(Actor actor, WorkflowInstance instance) =>
        instance?.State == CaseVocabulary.States.WithCommittee && IsAssignedOrChair(actor, instance);
}
