#:project ../src/Herstelmeldpunt.Web/Herstelmeldpunt.Web.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true

// Writes the newest published case process as SVG, as the back office draws it (docs/process.svg):
//   dotnet run tools/process-diagram.cs [docs/process.svg]
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Workflow.Definitions;

var root = Directory.GetCurrentDirectory();
var catalog = WorkflowCatalog.LoadDirectory(Path.Combine(root, "workflows"), CaseVocabulary.Create());
var latest = catalog.LatestPublished(CaseVocabulary.DefinitionId);
var output = args.Length > 0 ? args[0] : Path.Combine(root, "docs", "process.svg");
File.WriteAllText(output, ProcessDiagram.Svg(latest, "nl", null, $"{latest.Id} v{latest.Version}"));
Console.WriteLine($"{output}: {latest.Id} v{latest.Version}");
