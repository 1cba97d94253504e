using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Web.Tests.Reporters;

/// <summary>The step indicator on Mijn melding: every state of the current process has its phase, or is said to have none.</summary>
public sealed class ReporterPhasesTests
{
    private static readonly HashSet<string> OffTheRoad = ["closed_outside_target_group", "withdrawn"];

    [Fact]
    public void Every_state_of_the_current_process_is_in_a_phase_except_the_ones_off_the_road()
    {
        var catalog = WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"), CaseVocabulary.Create());
        var states = catalog.LatestPublished(CaseVocabulary.DefinitionId).States.Select(s => s.Name).ToList();
        Assert.Equal(OffTheRoad.Order(StringComparer.Ordinal), states.Where(s => ReporterPhases.Of(s) is null).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("screening", 0)]
    [InlineData("awaiting_information", 0)]
    [InlineData("with_committee", 1)]
    [InlineData("decision_proposed", 2)]
    [InlineData("objection", 2)]
    [InlineData("follow_up_call", 3)]
    [InlineData("closed", 4)]
    public void A_state_shows_its_phase(string state, int phase) => Assert.Equal(phase, ReporterPhases.Of(state));
}
