using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Herstelmeldpunt.Web.Pages.Api;

/// <summary>
/// The API's reference for a partner's developer, read from the same generated OpenAPI document that
/// /api/v1/openapi.json publishes: every operation with its scope, parameters and answers. Public, no script.
/// </summary>
public sealed class IndexModel([FromKeyedServices(Web.Api.ApiSetup.DocumentName)] IOpenApiDocumentProvider documents) : PageModel
{
    public sealed record Operation(string Method, string Path, string? Summary, string? Description, IReadOnlyList<string> Scopes, IReadOnlyList<(string Name, string In, bool Required, string? Type)> Parameters, IReadOnlyList<string> Responses);

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public string? ServerUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        ServerUrl = document.Servers?.FirstOrDefault()?.Url;
        Operations = document.Paths
            .SelectMany(p => (p.Value.Operations ?? []).Select(o => new Operation(
                o.Key.Method.ToUpperInvariant(),
                p.Key,
                o.Value.Summary,
                o.Value.Description,
                [.. (o.Value.Security ?? []).SelectMany(s => s.Values).SelectMany(v => v)],
                [.. (o.Value.Parameters ?? []).Select(x => (x.Name ?? string.Empty, x.In?.ToString().ToLowerInvariant() ?? string.Empty, x.Required, x.Schema?.Format ?? x.Schema?.Type?.ToString().ToLowerInvariant()))],
                [.. (o.Value.Responses ?? []).Keys.Order(StringComparer.Ordinal)])))
            .ToList();
    }
}
