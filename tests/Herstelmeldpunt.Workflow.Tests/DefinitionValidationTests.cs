using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Workflow.Tests;

/// <summary>One bad file per rule, each refused with file, line, place and a clear problem.</summary>
public sealed class DefinitionValidationTests
{
    private const string Valid = """
        {
          "id": "demo",
          "version": 1,
          "published": true,
          "initial": "open",
          "states": [
            { "name": "open", "label": { "nl": "Open", "en": "Open" }, "worklist": ["IntakeStaff"],
              "timers": [ { "name": "deadline", "after": "P5D", "workingDays": true, "fires": { "action": "escalate_to_manager" } } ] },
            { "name": "done", "label": { "nl": "Klaar", "en": "Done" }, "final": true }
          ],
          "transitions": [
            { "name": "finish", "label": { "nl": "Afronden", "en": "Finish" }, "from": ["open"], "to": "done", "roles": ["IntakeStaff"] }
          ]
        }
        """;

    private static DefinitionError Single(string json) => Assert.Single(Errors(json));

    private static IReadOnlyList<DefinitionError> Errors(string json) =>
        Assert.Throws<WorkflowDefinitionException>(() => TestVocabulary.Catalog(("demo.json", json))).Errors;

    [Fact]
    public void The_shipped_definition_is_valid()
    {
        var catalog = WorkflowCatalog.LoadDirectory(TestVocabulary.WorkflowsDirectory, TestVocabulary.Vocabulary);
        var definition = catalog.LatestPublished("herstelmelding");
        Assert.Equal(6, definition.Version);
        Assert.Equal("screening", definition.Initial);
        Assert.Equal([1, 2, 3, 4, 5, 6], catalog.All.Where(d => d.Id == "herstelmelding").Select(d => d.Version).Order());
    }

    [Fact]
    public void A_valid_small_definition_loads() => Assert.Single(TestVocabulary.Catalog(("demo.json", Valid)).All);

    [Fact]
    public void Broken_json_names_the_line()
    {
        var error = Single(Valid.Replace("\"to\": \"done\",", "\"to\": \"done\"", StringComparison.Ordinal));
        Assert.Equal("demo.json", error.File);
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void Unknown_property_is_refused() =>
        Assert.Contains("form", Single(Valid.Replace("\"from\":", "\"form\":", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);

    [Fact]
    public void Unknown_target_state_is_named_with_its_place_and_line()
    {
        var errors = Errors(Valid.Replace("\"to\": \"done\"", "\"to\": \"finished\"", StringComparison.Ordinal));
        var error = errors.Single(e => e.Place == "transitions[0].to");
        Assert.Equal(12, error.Line);
        Assert.Contains("unknown state 'finished'", error.Problem, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Place == "states[1]" && e.Problem.Contains("cannot be reached", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_from_state_is_refused() =>
        Assert.Contains(Errors(Valid.Replace("\"from\": [\"open\"]", "\"from\": [\"opened\"]", StringComparison.Ordinal)),
            e => e.Place == "transitions[0].from[0]" && e.Problem == "unknown state 'opened'");

    [Fact]
    public void Unknown_initial_state_is_refused() =>
        Assert.Contains("unknown state 'start'", Single(Valid.Replace("\"initial\": \"open\"", "\"initial\": \"start\"", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);

    [Fact]
    public void Unknown_role_is_refused()
    {
        var error = Single(Valid.Replace("\"roles\": [\"IntakeStaff\"]", "\"roles\": [\"Janitor\"]", StringComparison.Ordinal));
        Assert.Equal("transitions[0].roles[0]", error.Place);
        Assert.Contains("unknown role 'Janitor'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_worklist_role_is_refused() =>
        Assert.Equal("states[0].worklist[0]", Single(Valid.Replace("\"worklist\": [\"IntakeStaff\"]", "\"worklist\": [\"Intake\"]", StringComparison.Ordinal)).Place);

    [Fact]
    public void Unknown_guard_is_refused() =>
        Assert.Contains("unknown guard 'is_nice'", Single(Valid.Replace("\"roles\": [\"IntakeStaff\"] }", "\"roles\": [\"IntakeStaff\"], \"guards\": [\"is_nice\"] }", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);

    [Fact]
    public void Unknown_action_is_refused()
    {
        var error = Single(Valid.Replace("escalate_to_manager", "call_the_police", StringComparison.Ordinal));
        Assert.Equal("states[0].timers[0].fires.action", error.Place);
        Assert.Equal(8, error.Line);
    }

    [Fact]
    public void Invalid_duration_is_refused() =>
        Assert.Contains("'P1M' is not an ISO 8601 duration", Single(Valid.Replace("\"P5D\"", "\"P1M\"", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);

    [Fact]
    public void Duplicate_state_name_is_refused() =>
        Assert.Contains("duplicate state name 'open'", Single(Valid.Replace("{ \"name\": \"done\", \"label\": { \"nl\": \"Klaar\", \"en\": \"Done\" }, \"final\": true }",
            "{ \"name\": \"done\", \"label\": { \"nl\": \"Klaar\", \"en\": \"Done\" }, \"final\": true }, { \"name\": \"open\", \"label\": { \"nl\": \"x\", \"en\": \"x\" }, \"final\": true }", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);

    [Fact]
    public void Duplicate_transition_name_is_refused()
    {
        var transition = "{ \"name\": \"finish\", \"label\": { \"nl\": \"Afronden\", \"en\": \"Finish\" }, \"from\": [\"open\"], \"to\": \"done\", \"roles\": [\"IntakeStaff\"] }";
        var error = Single(Valid.Replace(transition, transition + ", " + transition, StringComparison.Ordinal));
        Assert.Equal("transitions[1].name", error.Place);
        Assert.Contains("duplicate transition name 'finish'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_state_is_refused()
    {
        var error = Single(Valid.Replace("\"final\": true }", "\"final\": true }, { \"name\": \"lost\", \"label\": { \"nl\": \"Kwijt\", \"en\": \"Lost\" }, \"final\": true }", StringComparison.Ordinal));
        Assert.Equal("states[2]", error.Place);
        Assert.Contains("cannot be reached", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void State_with_no_way_out_is_refused()
    {
        var error = Single(Valid.Replace(", \"final\": true }", " }", StringComparison.Ordinal));
        Assert.Equal("states[1]", error.Place);
        Assert.Contains("'done' has no way out", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_english_label_is_refused() =>
        Assert.Equal("states[1].label", Single(Valid.Replace("{ \"nl\": \"Klaar\", \"en\": \"Done\" }", "{ \"nl\": \"Klaar\" }", StringComparison.Ordinal)).Place);

    [Fact]
    public void Required_when_must_name_an_earlier_field() =>
        Assert.Contains("requiredWhen", Single(Valid.Replace("\"roles\": [\"IntakeStaff\"] }",
            "\"roles\": [\"IntakeStaff\"], \"fields\": [ { \"name\": \"why\", \"type\": \"text\", \"label\": { \"nl\": \"W\", \"en\": \"W\" }, \"requiredWhen\": { \"field\": \"ok\", \"equals\": \"no\" } } ] }", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);

    [Fact]
    public void Two_files_with_the_same_version_are_refused()
    {
        var exception = Assert.Throws<WorkflowDefinitionException>(() => TestVocabulary.Catalog(("a.json", Valid), ("b.json", Valid)));
        var error = Assert.Single(exception.Errors);
        Assert.Equal("b.json", error.File);
        Assert.Contains("also defined in a.json", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exception_message_lists_every_problem_with_its_place()
    {
        var exception = Assert.Throws<WorkflowDefinitionException>(() => TestVocabulary.Catalog(("demo.json", Valid.Replace("IntakeStaff", "Nobody", StringComparison.Ordinal))));
        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("demo.json:7: states[0].worklist[0]: unknown role 'Nobody'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P5D", 0, 5, 0, 0)]
    [InlineData("P6W", 6, 0, 0, 0)]
    [InlineData("PT4H", 0, 0, 4, 0)]
    [InlineData("P1DT12H30M", 0, 1, 12, 30)]
    public void Durations_parse(string text, int weeks, int days, int hours, int minutes)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(new IsoDuration(weeks, days, hours, minutes), duration);
        Assert.Equal(text, duration.ToString());
    }

    [Theory]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("5D")]
    [InlineData("P0D")]
    public void Ambiguous_or_empty_durations_are_refused(string text) => Assert.False(IsoDuration.TryParse(text, out _));
}
