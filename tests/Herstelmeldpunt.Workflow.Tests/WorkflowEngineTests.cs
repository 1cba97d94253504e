using System.Text.Json;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;

namespace Herstelmeldpunt.Workflow.Tests;

public sealed class WorkflowEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.LoadDirectory(TestVocabulary.WorkflowsDirectory, TestVocabulary.Vocabulary);
    private readonly WorkflowEngine engine = new(Catalog, new PlainDays());
    private readonly ScriptedGuards guards = new();

    private WorkflowInstance StartedIn(string state)
    {
        var (instance, _) = engine.Start("herstelmelding", Guid.NewGuid(), Actor.System("test"), Now);
        instance.State = state;
        return instance;
    }

    private static TransitionInput Input(WorkflowInstance instance, string? note = "notitie", params (string Key, string? Value)[] data) =>
        new(instance.Version, data.ToDictionary(d => d.Key, d => d.Value), note);

    [Fact]
    public void Start_pins_the_latest_published_version_and_opens_the_initial_state_with_its_timers()
    {
        var subject = Guid.NewGuid();
        var (instance, start) = engine.Start("herstelmelding", subject, Actor.System("intake"), Now);

        Assert.Equal(subject, instance.Id);
        Assert.Equal(("herstelmelding", 6, "screening", 1), (instance.DefinitionId, instance.DefinitionVersion, instance.State, instance.Version));
        Assert.Equal(("start", null, "screening", 1), (start.Journal.Transition, start.Journal.FromState, start.Journal.ToState, start.Journal.Sequence));
        var timer = Assert.Single(start.NewTimers);
        Assert.Equal(("screening_deadline", "escalate_to_manager", "screening_deadline"), (timer.Name, timer.FiresAction, timer.FiresWith));
        Assert.Equal(Now.AddDays(5).UtcDateTime, timer.DueAt);
    }

    /// <summary>Every transition of the shipped process: allowed for each of its roles, refused for every other role.</summary>
    [Fact]
    public void Every_transition_is_allowed_for_its_roles_and_refused_for_all_others()
    {
        var definition = Catalog.LatestPublished("herstelmelding");
        foreach (var transition in definition.Transitions)
        {
            foreach (var role in TestVocabulary.Roles)
            {
                var instance = StartedIn(transition.From[0]);
                var data = transition.Fields.Select(f => (f.Name, (string?)SampleValue(f))).ToArray();
                var result = engine.Apply(instance, transition.Name, TestVocabulary.Staff("u1", role), guards, Input(instance, "notitie", data), Now);
                if (transition.Roles.Contains(role))
                {
                    Assert.True(result.Succeeded, $"{transition.Name} as {role}: {result.Refused?.Reason} {string.Join(",", result.Refused?.Problems.Select(p => p.Field) ?? [])}");
                    Assert.Equal(transition.To, instance.State);
                    Assert.Equal(role, result.Applied!.Journal.Role);
                }
                else
                {
                    Assert.Equal(RefusalReason.RoleNotAllowed, result.Refused?.Reason);
                    Assert.Equal(transition.From[0], instance.State);
                }
            }
        }
    }

    [Fact]
    public void A_transition_is_refused_outside_its_states()
    {
        var instance = StartedIn("screening");
        var result = engine.Apply(instance, "approve_advice", TestVocabulary.Staff("u1", "CommitteeChair"), guards, Input(instance), Now);
        Assert.Equal(RefusalReason.NotAvailableInState, result.Refused?.Reason);
        Assert.Equal(1, instance.Version);
    }

    [Fact]
    public void A_failing_guard_refuses_with_its_reason_and_changes_nothing()
    {
        var instance = StartedIn("advice_review");
        guards.Verdicts["not_advice_author"] = GuardVerdict.Refuse("Guard.FourEyes");

        var result = engine.Apply(instance, "approve_advice", TestVocabulary.Staff("author", "CommitteeMember"), guards, Input(instance), Now);

        Assert.Equal((RefusalReason.GuardFailed, "Guard.FourEyes"), (result.Refused?.Reason, result.Refused?.MessageKey));
        Assert.Equal("advice_review", instance.State);
        var option = Assert.Single(engine.Options(instance, TestVocabulary.Staff("author", "CommitteeMember"), guards), o => o.Transition.Name == "approve_advice");
        Assert.True(option.Blocked);
    }

    [Fact]
    public void A_stale_version_is_refused_so_the_person_reloads()
    {
        var instance = StartedIn("screening");
        var stale = new TransitionInput(instance.Version - 1, new Dictionary<string, string?>(), "x");
        Assert.Equal(RefusalReason.Stale, engine.Apply(instance, "request_information", TestVocabulary.Staff("u1", "IntakeStaff"), guards, stale, Now).Refused?.Reason);
    }

    [Fact]
    public void Required_fields_notes_and_conditional_fields_are_checked()
    {
        var smz = TestVocabulary.Staff("smz", "SmzDecisionMaker");
        var instance = StartedIn("awaiting_decision");

        var missing = engine.Apply(instance, "propose_decision", smz, guards, Input(instance), Now);
        Assert.Equal([new FieldProblem("adopts_advice", "Workflow.Field.Required")], missing.Refused?.Problems);

        var deviatingWithoutReasons = engine.Apply(instance, "propose_decision", smz, guards, Input(instance, null, ("adopts_advice", "no")), Now);
        Assert.Equal([new FieldProblem("deviation_reasons", "Workflow.Field.Required"), new FieldProblem("decided_instead", "Workflow.Field.Required")], deviatingWithoutReasons.Refused?.Problems);

        var adopting = engine.Apply(instance, "propose_decision", smz, guards, Input(instance, null, ("adopts_advice", "yes")), Now);
        Assert.True(adopting.Succeeded);

        var intake = StartedIn("screening");
        var noQuestion = engine.Apply(intake, "request_information", TestVocabulary.Staff("i", "IntakeStaff"), guards, Input(intake, note: " "), Now);
        Assert.Equal([new FieldProblem("question", "Workflow.Field.Required"), new FieldProblem("answer_by", "Workflow.Field.Required")], noQuestion.Refused?.Problems);

        var noNote = engine.Apply(intake, "withdraw", TestVocabulary.Staff("i", "IntakeStaff"), guards, Input(intake, note: " "), Now);
        Assert.Equal([new FieldProblem("note", "Workflow.Field.NoteRequired")], noNote.Refused?.Problems);
    }

    [Theory]
    [InlineData("conversation_date", "22-11-2026", "Workflow.Field.Invalid.Date")]
    [InlineData("agreement", "maybe", "Workflow.Field.Invalid.YesNo")]
    public void Field_values_must_have_their_type(string field, string value, string key)
    {
        var instance = StartedIn("decision_proposed");
        var data = new Dictionary<string, string?>
        {
            ["conversation_date"] = "2026-11-20",
            ["outcome"] = "goed",
            ["agreement"] = "yes",
            ["financial_consequences_explained"] = "yes",
            [field] = value,
        };
        var result = engine.Apply(instance, "record_conversation", TestVocabulary.Staff("c", "CustomerContact"), guards, new TransitionInput(instance.Version, data, null), Now);
        Assert.Equal([new FieldProblem(field, key)], result.Refused?.Problems);
    }

    [Fact]
    public void Applying_moves_the_instance_and_returns_the_journal_timers_and_actions_to_store()
    {
        var instance = StartedIn("screening");
        var actor = TestVocabulary.Staff("intake-1", "IntakeStaff");
        var later = Now.AddHours(2);

        var result = engine.Apply(instance, "route_to_committee", actor, guards, Input(instance, "compleet", ("urgency", "High"), ("assignee", "member-7")), later);

        var applied = Assert.IsType<Applied>(result.Applied);
        Assert.Equal(("with_committee", 2, later.UtcDateTime), (instance.State, instance.Version, instance.StateEnteredAt));
        Assert.Equal("screening", applied.LeftState);
        var journal = applied.Journal;
        Assert.Equal(("intake-1", "IntakeStaff", "route_to_committee", "screening", "with_committee", "compleet", 2, 6),
            (journal.ActorId, journal.Role, journal.Transition, journal.FromState, journal.ToState, journal.Note, journal.Sequence, journal.DefinitionVersion));
        var data = JsonSerializer.Deserialize<Dictionary<string, string?>>(journal.DataJson!)!;
        Assert.Equal("member-7", data["assignee"]);
        Assert.Equal("advice_deadline", Assert.Single(applied.NewTimers).Name);
        Assert.Equal(later.AddDays(42).UtcDateTime, applied.NewTimers[0].DueAt);
        Assert.Equal(["assign_to_committee"], applied.EntryActions.Select(a => a.Action));
        Assert.Equal(["confirm_urgency"], applied.Effects);
    }

    [Fact]
    public void Options_list_only_what_the_actors_roles_allow_in_the_current_state()
    {
        var instance = StartedIn("screening");
        var intake = engine.Options(instance, TestVocabulary.Staff("i", "IntakeStaff"), guards).Select(o => o.Transition.Name);
        Assert.Equal(["request_information", "outside_target_group", "route_to_committee", "withdraw"], intake);
        Assert.Empty(engine.Options(instance, TestVocabulary.Staff("m", "Manager"), guards));
    }

    [Fact]
    public void A_case_started_on_v1_continues_on_v1_after_v2_is_published()
    {
        var v1 = File.ReadAllText(Path.Combine(TestVocabulary.WorkflowsDirectory, "herstelmelding.v1.json"));
        // v2 adds a direct close from screening; v1 has no such transition.
        var v2 = v1.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("\"transitions\": [", """
                "transitions": [
                    { "name": "close_directly", "label": { "nl": "Direct sluiten", "en": "Close directly" }, "from": ["screening"], "to": "closed", "roles": ["IntakeStaff"], "note": "required" },
                """, StringComparison.Ordinal);
        var catalogV1 = TestVocabulary.Catalog(("herstelmelding.v1.json", v1));
        var (old, _) = new WorkflowEngine(catalogV1, new PlainDays()).Start("herstelmelding", Guid.NewGuid(), Actor.System("t"), Now);

        var both = new WorkflowEngine(TestVocabulary.Catalog(("herstelmelding.v1.json", v1), ("herstelmelding.v2.json", v2)), new PlainDays());
        var (fresh, _) = both.Start("herstelmelding", Guid.NewGuid(), Actor.System("t"), Now);
        var intake = TestVocabulary.Staff("i", "IntakeStaff");

        Assert.Equal(1, old.DefinitionVersion);
        Assert.Equal(2, fresh.DefinitionVersion);
        Assert.DoesNotContain(both.Options(old, intake, guards), o => o.Transition.Name == "close_directly");
        Assert.Equal(RefusalReason.UnknownTransition, both.Apply(old, "close_directly", intake, guards, Input(old), Now).Refused?.Reason);
        Assert.True(both.Apply(fresh, "close_directly", intake, guards, Input(fresh), Now).Succeeded);
        var journal = both.Apply(old, "request_information", intake, guards, Input(old), Now).Applied!.Journal;
        Assert.Equal(1, journal.DefinitionVersion);
    }

    [Fact]
    public void An_unpublished_version_is_not_used_for_new_cases()
    {
        var v1 = File.ReadAllText(Path.Combine(TestVocabulary.WorkflowsDirectory, "herstelmelding.v1.json"));
        var draft = v1.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal).Replace("\"published\": true", "\"published\": false", StringComparison.Ordinal);
        var catalog = TestVocabulary.Catalog(("v1.json", v1), ("v2.json", draft));
        Assert.Equal(1, new WorkflowEngine(catalog, new PlainDays()).Start("herstelmelding", Guid.NewGuid(), Actor.System("t"), Now).Instance.DefinitionVersion);
    }

    private static string SampleValue(FieldDefinition field) => field.Type switch
    {
        FieldType.YesNo => "yes",
        FieldType.Date => "2026-11-20",
        FieldType.Choice => field.Options[0].Value,
        _ => "waarde",
    };

    [Fact]
    public void Each_refusal_carries_the_text_key_the_page_shows()
    {
        var member = TestVocabulary.Staff("u1", "IntakeStaff");
        var instance = StartedIn("screening");
        Assert.Equal((RefusalReason.Stale, "Workflow.Refused.Stale"), Key(engine.Apply(instance, "request_information", member, guards, new TransitionInput(instance.Version + 1, new Dictionary<string, string?>(), null), Now)));
        Assert.Equal((RefusalReason.UnknownTransition, "Workflow.Refused.Unknown"), Key(engine.Apply(instance, "fly_to_the_moon", member, guards, Input(instance), Now)));
        Assert.Equal((RefusalReason.NotAvailableInState, "Workflow.Refused.NotNow"), Key(engine.Apply(instance, "approve_advice", TestVocabulary.Staff("u2", "CommitteeChair"), guards, Input(instance), Now)));
        Assert.Equal((RefusalReason.RoleNotAllowed, "Workflow.Refused.Role"), Key(engine.Apply(instance, "request_information", TestVocabulary.Staff("u3", "Manager"), guards, Input(instance), Now)));

        static (RefusalReason?, string?) Key(TransitionResult result) => (result.Refused?.Reason, result.Refused?.MessageKey);
    }

    [Fact]
    public void A_long_text_may_hold_4000_characters_and_not_one_more()
    {
        var member = TestVocabulary.Staff("u1", "IntakeStaff");
        var tooLong = StartedIn("screening");
        var refused = engine.Apply(tooLong, "request_information", member, guards, Input(tooLong, null, ("question", new string('v', 4001)), ("answer_by", "2026-12-07")), Now);
        Assert.Contains(refused.Refused!.Problems, p => p.Field == "question");

        var justRight = StartedIn("screening");
        Assert.True(engine.Apply(justRight, "request_information", member, guards, Input(justRight, null, ("question", new string('v', 4000)), ("answer_by", "2026-12-07")), Now).Succeeded);
    }

    [Fact]
    public void The_journal_keeps_the_data_of_a_step_and_nothing_for_a_step_without_data()
    {
        var member = TestVocabulary.Staff("u1", "IntakeStaff");
        var asked = StartedIn("screening");
        var withData = engine.Apply(asked, "request_information", member, guards, Input(asked, null, ("question", "Welke datum?"), ("answer_by", "2026-12-07")), Now);
        Assert.Contains("Welke datum?", withData.Applied!.Journal.DataJson, StringComparison.Ordinal);
        Assert.Null(withData.Applied.Journal.Note);

        var carriedOut = StartedIn("decision_final");
        var done = engine.Apply(carriedOut, "provisions_carried_out", member, guards, Input(carriedOut, "uitkering hersteld"), Now); // a step without fields
        Assert.True(done.Succeeded, done.Refused?.Reason.ToString());
        Assert.Null(done.Applied!.Journal.DataJson);
        Assert.Equal("uitkering hersteld", done.Applied.Journal.Note);
    }

    [Fact]
    public void Missing_arguments_are_refused_at_once()
    {
        var instance = StartedIn("screening");
        var actor = TestVocabulary.Staff("u1", "IntakeStaff");
        Assert.Throws<ArgumentNullException>(() => engine.DefinitionOf(null!));
        Assert.Throws<ArgumentNullException>(() => engine.Start("herstelmelding", Guid.NewGuid(), null!, Now));
        Assert.Throws<ArgumentNullException>(() => engine.Options(instance, null!, guards));
        Assert.Throws<ArgumentNullException>(() => engine.Options(instance, actor, null!));
        Assert.Throws<ArgumentNullException>(() => engine.Apply(null!, "request_information", actor, guards, Input(instance), Now));
        Assert.Throws<ArgumentNullException>(() => engine.Apply(instance, "request_information", null!, guards, Input(instance), Now));
        Assert.Throws<ArgumentNullException>(() => engine.Apply(instance, "request_information", actor, null!, Input(instance), Now));
        Assert.Throws<ArgumentNullException>(() => engine.Apply(instance, "request_information", actor, guards, null!, Now));
    }
}
