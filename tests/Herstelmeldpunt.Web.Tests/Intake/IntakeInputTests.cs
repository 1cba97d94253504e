using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reports;

namespace Herstelmeldpunt.Web.Tests.Intake;

/// <summary>The form and the partner API read their own shapes into one typed input, judged by the same rules.</summary>
public sealed class IntakeInputTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static IntakeForm Form(Action<IntakeForm>? change = null)
    {
        var form = new IntakeForm
        {
            IdempotencyKey = Guid.NewGuid().ToString(),
            FilingFor = "other",
            FullName = "Jan Jansen",
            Bsn = "111222333",
            BirthDay = "27",
            BirthMonth = "3",
            BirthYear = "1968",
            Email = "jan@example.nl",
            Phone = "0612345678",
            PreferredChannel = "Phone",
            PreferredTime = "Morning",
            RepresentativeName = "Els Jansen",
            RepresentativeRelation = "Dochter",
            RepresentativeEmail = "els@example.nl",
            RepresentativeAuthorised = true,
            FinancialTrouble = true,
            Description = "Beschrijving",
            NoIncome = "yes",
            DebtCollectionOrEviction = "no",
            CrisisOrDanger = "no",
            Consent = true,
        };
        change?.Invoke(form);
        return form;
    }

    private static FileReportEndpoint.FileReportRequest Request(
        string? dateOfBirth = "1968-03-27", string? channel = "phone", string? time = "morning", bool? noIncome = true, string? bsn = "111222333") =>
        new(
            "Jan Jansen", bsn, dateOfBirth, "jan@example.nl", "0612345678", channel, time, null,
            new FileReportEndpoint.RepresentativePart("Els Jansen", "Dochter", "els@example.nl", null, true),
            false, false, true, "Beschrijving", noIncome, false, false, true, "nl");

    [Fact]
    public void The_same_report_by_form_and_by_api_gives_the_same_valid_intake_apart_from_its_key()
    {
        var key = Guid.NewGuid();
        var byForm = IntakeValidator.Validate(Form(f => f.IdempotencyKey = key.ToString()), Today).Intake;
        var (problems, byApi, _) = FileReportEndpoint.Check(Request(), key, Today);

        Assert.Empty(problems);
        Assert.NotNull(byForm);
        Assert.Equal(byForm, byApi);
    }

    [Theory]
    [InlineData("1968-02-30", "Error.DateOfBirth.Invalid")]
    [InlineData("27-03-1968", "Error.DateOfBirth.Invalid")]
    [InlineData("", "Error.DateOfBirth.Required")]
    [InlineData(null, "Error.DateOfBirth.Required")]
    [InlineData("2026-11-22", "Error.DateOfBirth.Future")]
    [InlineData("1899-12-31", "Error.DateOfBirth.TooOld")]
    public void An_api_date_of_birth_that_is_missing_unreadable_or_out_of_range_gets_the_forms_message(string? date, string key)
    {
        var (problems, valid, _) = FileReportEndpoint.Check(Request(dateOfBirth: date), Guid.NewGuid(), Today);

        Assert.Null(valid);
        Assert.Equal(("dateOfBirth", "invalid", key), Assert.Single(problems));
    }

    [Theory]
    [InlineData("pigeon", "morning", "preferredChannel", "Error.PreferredChannel.Required")]
    [InlineData("1", "morning", "preferredChannel", "Error.PreferredChannel.Required")]
    [InlineData("phone", "evening", "preferredTime", "Error.PreferredTime.Required")]
    [InlineData("phone", null, "preferredTime", "Error.PreferredTime.Required")]
    public void Api_choices_outside_the_list_are_refused_by_name(string? channel, string? time, string member, string key)
    {
        var (problems, valid, _) = FileReportEndpoint.Check(Request(channel: channel, time: time), Guid.NewGuid(), Today);

        Assert.Null(valid);
        Assert.Equal((member, "invalid", key), Assert.Single(problems));
    }

    [Fact]
    public void Api_choices_take_the_camel_case_names()
    {
        var (_, valid, _) = FileReportEndpoint.Check(Request(channel: "email", time: "noPreference"), Guid.NewGuid(), Today);

        Assert.Equal((ContactChannel.Email, ContactTime.NoPreference), (valid!.PreferredChannel, valid.PreferredTime));
    }

    [Fact]
    public void Mistakes_come_in_page_order_whichever_channel_brought_them()
    {
        var formErrors = IntakeValidator.Validate(Form(f => (f.Bsn, f.BirthYear, f.NoIncome) = ("123", null, null)), Today).Errors.Select(e => e.MessageKey);
        var (problems, _, _) = FileReportEndpoint.Check(Request(dateOfBirth: "1968-03", noIncome: null, bsn: "123"), Guid.NewGuid(), Today);

        Assert.Equal(["Error.Bsn.NineDigits", "Error.DateOfBirth.Incomplete", "Error.NoIncome.Required"], formErrors);
        Assert.Equal(["Error.Bsn.NineDigits", "Error.DateOfBirth.Invalid", "Error.NoIncome.Required"], problems.Select(p => p.MessageKey));
    }

    [Theory]
    [InlineData("", "", "", null, null)]
    [InlineData("27", "", "1968", null, "Error.DateOfBirth.Incomplete")]
    [InlineData("27", "3", "68", null, "Error.DateOfBirth.Invalid")]
    [InlineData(" 27 ", "03", "1968", "1968-03-27", null)]
    public void The_three_date_boxes_read_as_no_answer_an_unreadable_one_or_a_date(string day, string month, string year, string? date, string? problem)
    {
        var answer = DateOfBirthRule.Read(day, month, year);

        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), answer.Value);
        Assert.Equal(problem, answer.Problem);
        Assert.Equal(date is null && problem is null, answer.IsEmpty);
    }
}
