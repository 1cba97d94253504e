using Herstelmeldpunt.Web.Cases.FollowUp;

namespace Herstelmeldpunt.Web.Tests.Cases.FollowUp;

public sealed class SurveyAnswersTests
{
    private static SurveyAnswers Answers(string? satisfaction = "4", string? provision = "yes", string? action = "no", string? comments = null) =>
        new() { Satisfaction = satisfaction, SatisfiedWithProvision = provision, ActionNeeded = action, Comments = comments };

    [Fact]
    public void Complete_answers_may_be_sent_and_lead_to_satisfied_with_the_comment_trimmed()
    {
        var answers = Answers(comments: "  Dank u.  ");
        Assert.Empty(answers.Validate(mayAnswer: true));
        Assert.Equal("survey_satisfied", answers.Transition());
        Assert.Equal("Dank u.", answers.Data()["comments"]);
    }

    [Theory]
    [InlineData("2", "yes", "no")]
    [InlineData("5", "no", "no")]
    [InlineData("5", "yes", "yes")]
    public void A_low_score_no_to_the_provision_or_something_still_to_do_goes_back_to_a_manager(string satisfaction, string provision, string action) =>
        Assert.Equal("survey_dissatisfied", Answers(satisfaction, provision, action).Transition());

    [Fact]
    public void Each_missing_or_wrong_answer_is_named_with_its_field_in_page_order()
    {
        var errors = Answers("6", null, "misschien", new string('x', SurveyAnswers.MaxComments + 1)).Validate(mayAnswer: false);
        Assert.Equal(
            ["Survey_Satisfaction", "Survey_Satisfaction", "Survey_SatisfiedWithProvision", "Survey_ActionNeeded", "Survey_Comments"],
            errors.Select(e => e.Field));
        Assert.Equal("MyReport.Error.NoSurvey", errors[0].MessageKey);
    }

    [Fact]
    public void Empty_comments_are_kept_as_none()
    {
        Assert.Null(Answers(comments: "   ").Data()["comments"]);
    }
}
