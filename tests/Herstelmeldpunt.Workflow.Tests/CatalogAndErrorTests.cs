using System.Text;
using Herstelmeldpunt.Workflow.Definitions;

namespace Herstelmeldpunt.Workflow.Tests;

/// <summary>What an operator reads when the process files are wrong or a version is missing.</summary>
public sealed class CatalogAndErrorTests
{
    [Fact]
    public void An_error_reads_file_line_place_and_problem_and_the_exception_lists_every_error()
    {
        var withLine = new DefinitionError("demo.json", 12, "transitions[0].to", "unknown state 'x'");
        var withoutLine = new DefinitionError("demo.json", null, "version", "twice");
        Assert.Equal("demo.json:12: transitions[0].to: unknown state 'x'", withLine.ToString());
        Assert.Equal("demo.json: version: twice", withoutLine.ToString());

        var exception = new WorkflowDefinitionException([withLine, withoutLine]);
        Assert.Equal(string.Join(Environment.NewLine, "Invalid workflow definition:", "  " + withLine, "  " + withoutLine), exception.Message);
        Assert.Equal([withLine, withoutLine], exception.Errors);
    }

    [Fact]
    public void A_missing_directory_or_no_definitions_at_all_stops_the_start()
    {
        var missing = Assert.Throws<WorkflowDefinitionException>(() => WorkflowCatalog.LoadDirectory("/no/such/workflows", TestVocabulary.Vocabulary));
        Assert.Equal(new DefinitionError("/no/such/workflows", null, "$", "the workflow directory does not exist"), Assert.Single(missing.Errors));

        var none = Assert.Throws<WorkflowDefinitionException>(() => WorkflowCatalog.Load([], TestVocabulary.Vocabulary));
        Assert.Equal(new DefinitionError("(workflows)", null, "$", "no workflow definitions found"), Assert.Single(none.Errors));
        Assert.Throws<ArgumentNullException>(() => WorkflowCatalog.Load(null!, TestVocabulary.Vocabulary));
    }

    [Fact]
    public void Json_schemas_beside_the_definitions_are_not_read_as_definitions()
    {
        var directory = Directory.CreateTempSubdirectory("hm-workflows-");
        try
        {
            File.Copy(Path.Combine(TestVocabulary.WorkflowsDirectory, "herstelmelding.v1.json"), Path.Combine(directory.FullName, "herstelmelding.v1.json"));
            File.WriteAllText(Path.Combine(directory.FullName, "workflow.schema.json"), "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\" }");
            Assert.Equal([1], WorkflowCatalog.LoadDirectory(directory.FullName, TestVocabulary.Vocabulary).All.Select(d => d.Version));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_same_version_twice_is_refused_naming_both_files()
    {
        var content = TestVocabulary.RealDefinition();
        var twice = Assert.Throws<WorkflowDefinitionException>(() => WorkflowCatalog.Load([("a.json", content), ("b.json", content)], TestVocabulary.Vocabulary));
        Assert.Equal(new DefinitionError("b.json", null, "version", "'herstelmelding' version 1 is also defined in a.json"), Assert.Single(twice.Errors));
    }

    [Fact]
    public void A_missing_version_or_workflow_is_named_in_the_message()
    {
        var catalog = TestVocabulary.Catalog(("v1.json", Encoding.UTF8.GetString(TestVocabulary.RealDefinition())));
        Assert.Equal("Workflow 'herstelmelding' version 7 is not loaded; running instances need every version they started on.",
            Assert.Throws<KeyNotFoundException>(() => catalog.Get("herstelmelding", 7)).Message);
        Assert.Equal("No published version of workflow 'bezwaar'.", Assert.Throws<KeyNotFoundException>(() => catalog.LatestPublished("bezwaar")).Message);
        Assert.Equal(1, catalog.Get("herstelmelding", 1).Version);
    }
}
