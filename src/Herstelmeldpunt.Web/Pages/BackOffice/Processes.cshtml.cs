using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice;

/// <summary>Every loaded process definition, each version drawn as a diagram with its transitions in a table.</summary>
public sealed class ProcessesModel(WorkflowCatalog catalog) : PageModel
{
    public IReadOnlyList<WorkflowDefinition> Definitions { get; } =
        [.. catalog.All.OrderBy(d => d.Id, StringComparer.Ordinal).ThenByDescending(d => d.Version)];
}
