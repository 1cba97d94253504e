using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Workflow.Tests;

/// <summary>
/// Every validation rule of a definition, each with the exact place and message an author reads: one
/// change to a small valid definition per case (written to pin the loader's behaviour; mutation testing
/// showed most rules were only checked for "some error").
/// </summary>
public sealed class DefinitionRuleTests
{
    private const string Valid = """
        {
          "id": "demo",
          "version": 1,
          "published": true,
          "initial": "open",
          "states": [
            { "name": "open", "label": { "nl": "Open", "en": "Open" }, "worklist": ["IntakeStaff"],
              "onEnter": [ { "action": "notify_reporter", "with": "received" } ],
              "timers": [ { "name": "deadline", "after": "P5D", "workingDays": true, "fires": { "action": "escalate_to_manager" } } ] },
            { "name": "done", "label": { "nl": "Klaar", "en": "Done" }, "final": true }
          ],
          "transitions": [
            { "name": "finish", "label": { "nl": "Afronden", "en": "Finish" }, "from": ["open"], "to": "done", "roles": ["IntakeStaff"],
              "fields": [ { "name": "outcome", "type": "choice", "required": true, "label": { "nl": "Uitkomst", "en": "Outcome" },
                            "options": [ { "value": "yes", "label": { "nl": "Ja", "en": "Yes" } } ] },
                          { "name": "who", "type": "member", "role": "CommitteeMember", "label": { "nl": "Wie", "en": "Who" } } ] }
          ]
        }
        """;

    private const string KnownActions = "assign_to_committee, escalate_to_manager, follow_up_call_due, notify_reporter, plan_follow_up_call, view_term";

    public static TheoryData<string, string, string, string> Rules => new()
    {
        { "\"id\": \"demo\"", "\"id\": \"Demo\"", "id", "missing or not a name (lower case letters, digits and _)" },
        { "\"version\": 1", "\"version\": 0", "version", "missing or not a whole number of 1 or more" },
        { "{ \"name\": \"done\"", "{ \"name\": \"open\"", "states[1].name", "duplicate state name 'open'" },
        { "{ \"name\": \"done\"", "{ \"name\": \"Done\"", "states[1].name", "missing or not a name (lower case letters, digits and _)" },
        { "\"name\": \"deadline\"", "\"name\": \"Deadline\"", "states[0].timers[0].name", "duplicate or invalid timer name 'Deadline'" },
        { "\"after\": \"P5D\"", "\"after\": \"5 days\"", "states[0].timers[0].after", "'5 days' is not an ISO 8601 duration in weeks, days, hours or minutes (for example P5D, P6W, PT4H)" },
        { "\"fires\": { \"action\": \"escalate_to_manager\" }", "\"fires\": { \"action\": \"explode\" }", "states[0].timers[0].fires.action", "unknown action 'explode' (known: " + KnownActions + ")" },
        { "\"action\": \"notify_reporter\"", "\"action\": \"shout\"", "states[0].onEnter[0].action", "unknown action 'shout' (known: " + KnownActions + ")" },
        { "\"initial\": \"open\",", string.Empty, "initial", "missing initial state" },
        { "\"name\": \"finish\"", "\"name\": \"Finish\"", "transitions[0].name", "missing or not a name (lower case letters, digits and _)" },
        { "\"from\": [\"open\"]", "\"from\": []", "transitions[0].from", "list at least one state the transition starts from" },
        { "\"to\": \"done\",", string.Empty, "transitions[0].to", "missing target state" },
        { "\"roles\": [\"IntakeStaff\"]", "\"roles\": []", "transitions[0].roles", "list at least one role that may take the transition" },
        { "\"worklist\": [\"IntakeStaff\"]", "\"worklist\": [\"Janitor\"]", "states[0].worklist[0]", "unknown role 'Janitor' (known: Administrator, CommitteeChair, CommitteeMember, CustomerContact, IntakeStaff, Manager, Reporter, SmzDecisionMaker, System)" },
        { "{ \"nl\": \"Klaar\", \"en\": \"Done\" }", "{ \"nl\": \"Klaar\" }", "states[1].label", "needs a Dutch (nl) and an English (en) text" },
        { ", \"final\": true", string.Empty, "states[1]", "state 'done' has no way out: add a transition from it, or mark it final" },
        { "\"type\": \"choice\"", "\"type\": \"colour\"", "transitions[0].fields[0].type", "unknown field type 'colour' (text, longtext, yesno, date, choice, member)" },
        { "\"name\": \"outcome\"", "\"name\": \"who\"", "transitions[0].fields[1].name", "duplicate or invalid field name 'who'" },
        { "[ { \"value\": \"yes\", \"label\": { \"nl\": \"Ja\", \"en\": \"Yes\" } } ]", "[]", "transitions[0].fields[0].options", "a choice field needs options" },
        { "{ \"value\": \"yes\",", "{", "transitions[0].fields[0].options[0].value", "missing option value" },
        { "\"role\": \"CommitteeMember\"", "\"role\": \"Janitor\"", "transitions[0].fields[1].role", "unknown role 'Janitor'" },
        { "\"role\": \"CommitteeMember\", ", string.Empty, "transitions[0].fields[1].role", "a member field names the role to choose from" },
    };

    [Fact]
    public void The_base_definition_of_these_cases_is_valid() =>
        Assert.Single(TestVocabulary.Catalog(("demo.json", Valid)).All);

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_broken_rule_is_reported_at_its_place_with_its_message(string replace, string with, string place, string problem)
    {
        Assert.Contains(replace, Valid, StringComparison.Ordinal); // the case changes what it means to change
        var errors = Assert.Throws<WorkflowDefinitionException>(() => TestVocabulary.Catalog(("demo.json", Valid.Replace(replace, with, StringComparison.Ordinal)))).Errors;
        Assert.Contains(errors, e => e.Place == place && e.Problem == problem && e.File == "demo.json" && e.Line > 0);
    }
}
