using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Web.Tests.Cases.Process;

/// <summary>The case process's guards on their facts, each verdict with the text key the page shows.</summary>
public sealed class CaseGuardsTests
{
    private static readonly WorkflowInstance Assigned = new() { Id = Guid.NewGuid(), State = CaseVocabulary.States.WithCommittee, AssigneeId = "member-1" };

    private static Actor Staff(string id, params string[] roles) => new(id, "Test", new HashSet<string>(roles));

    private static GuardVerdict Evaluate(CaseGuards guards, string guard, Actor? actor = null, WorkflowInstance? instance = null) =>
        guards.Evaluate(guard, actor ?? Staff("member-1", StaffRoles.CommitteeMember), instance ?? Assigned);

    private static Advice CompleteAdvice(string author, params string[] contributors) => new()
    {
        Id = Assigned.Id,
        AuthorId = author,
        NoAdditionalHelp = true,
        NoAdditionalHelpReasons = "Al hersteld.",
        Contributors = [.. contributors.Select(c => new AdviceContributor { AdviceId = Assigned.Id, UserId = c })],
    };

    [Theory]
    [InlineData(RegisterStatus.Match, true, null)]
    [InlineData(RegisterStatus.ResolvedSamePerson, true, null)]
    [InlineData(RegisterStatus.NameMismatch, false, "Guard.IdentityMismatch")]
    [InlineData(RegisterStatus.NotFound, false, "Guard.NotInRegister")]
    public void The_register_guard_passes_only_for_a_match_or_a_resolved_mismatch(RegisterStatus status, bool passes, string? key) =>
        Assert.Equal(new GuardVerdict(passes, key), Evaluate(new CaseGuards(status, null), CaseVocabulary.Guards.InTargetGroupRegister));

    [Fact]
    public void Only_the_assigned_member_or_the_chair_may_act_on_a_committee_case()
    {
        var guards = new CaseGuards(RegisterStatus.Match, null);
        Assert.Equal(GuardVerdict.Pass, Evaluate(guards, CaseVocabulary.Guards.AssignedToActor));
        Assert.Equal(GuardVerdict.Pass, Evaluate(guards, CaseVocabulary.Guards.AssignedToActor, Staff("chair-1", StaffRoles.CommitteeChair)));
        Assert.Equal(GuardVerdict.Refuse("Guard.NotAssigned"), Evaluate(guards, CaseVocabulary.Guards.AssignedToActor, Staff("member-2", StaffRoles.CommitteeMember)));
    }

    [Fact]
    public void Advice_must_be_complete_and_nobody_who_wrote_it_may_approve_it()
    {
        Assert.Equal(GuardVerdict.Refuse("Guard.AdviceIncomplete"), Evaluate(new CaseGuards(RegisterStatus.Match, null), CaseVocabulary.Guards.AdviceComplete));
        Assert.Equal(GuardVerdict.Refuse("Guard.AdviceIncomplete"), Evaluate(new CaseGuards(RegisterStatus.Match, new Advice { Id = Assigned.Id }), CaseVocabulary.Guards.AdviceComplete));
        Assert.Equal(GuardVerdict.Pass, Evaluate(new CaseGuards(RegisterStatus.Match, CompleteAdvice("member-1")), CaseVocabulary.Guards.AdviceComplete));

        var advice = new CaseGuards(RegisterStatus.Match, CompleteAdvice("chair-1", "member-1", "chair-1"));
        Assert.Equal(GuardVerdict.Refuse("Guard.AdviceIncomplete"), Evaluate(new CaseGuards(RegisterStatus.Match, null), CaseVocabulary.Guards.NotAdviceAuthor));
        Assert.Equal(GuardVerdict.Refuse("Guard.FourEyes"), Evaluate(advice, CaseVocabulary.Guards.NotAdviceAuthor, Staff("member-1", StaffRoles.CommitteeMember))); // wrote part of it
        Assert.Equal(GuardVerdict.Refuse("Guard.FourEyes"), Evaluate(advice, CaseVocabulary.Guards.NotAdviceAuthor, Staff("chair-1", StaffRoles.CommitteeChair))); // the last author
        Assert.Equal(GuardVerdict.Pass, Evaluate(advice, CaseVocabulary.Guards.NotAdviceAuthor, Staff("member-3", StaffRoles.CommitteeMember)));
    }

    [Theory]
    [InlineData(1, true, false)]
    [InlineData(2, true, false)]
    [InlineData(3, false, true)]
    [InlineData(4, false, true)]
    public void Calls_are_tried_up_to_the_maximum_and_the_last_failed_attempt_leads_on(int attempt, bool attemptsLeft, bool lastAttempt)
    {
        var guards = new CaseGuards(RegisterStatus.Match, null, attempt, maxCallAttempts: 3);
        Assert.Equal(attemptsLeft ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.LastAttempt"), Evaluate(guards, CaseVocabulary.Guards.CallAttemptsLeft));
        Assert.Equal(lastAttempt ? GuardVerdict.Pass : GuardVerdict.Refuse("Guard.AttemptsLeft"), Evaluate(guards, CaseVocabulary.Guards.LastCallAttempt));
    }

    [Fact]
    public void An_unknown_guard_is_a_programming_error_not_a_refusal() =>
        Assert.Contains("unknown_guard", Assert.Throws<InvalidOperationException>(() => Evaluate(new CaseGuards(RegisterStatus.Match, null), "unknown_guard")).Message, StringComparison.Ordinal);

    [Fact]
    public void Missing_arguments_are_refused()
    {
        var guards = new CaseGuards(RegisterStatus.Match, null);
        Assert.Throws<ArgumentNullException>(() => guards.Evaluate(CaseVocabulary.Guards.AssignedToActor, null!, Assigned));
        Assert.Throws<ArgumentNullException>(() => guards.Evaluate(CaseVocabulary.Guards.AssignedToActor, Staff("member-1"), null!));
    }
}
