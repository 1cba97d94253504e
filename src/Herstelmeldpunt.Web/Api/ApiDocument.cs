using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Herstelmeldpunt.Web.Api;

/// <summary>
/// Shapes the generated OpenAPI document to the API Design Rules: info with contact and a semantic version,
/// a server whose address ends in the major version (paths relative to it), the OAuth 2 client-credentials
/// scheme with its scopes, the scope each operation needs, and the API-Version header on every 2xx/3xx.
/// Spectral with Logius' ruleset checks the result in the test command.
/// </summary>
public static class ApiDocument
{
    public static Task TransformOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var scopes = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy)
            .Where(p => p is not null && p.StartsWith("api:", StringComparison.Ordinal))
            .Select(p => p!["api:".Length..])
            .ToList();
        if (scopes.Count > 0 && context.Document is { } document)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiSetup.SecuritySchemeName, document)] = scopes }];
        }

        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<CsvBody>().Any())
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "CSV, UTF-8, ; of , als scheidingsteken, kolomnamen op de eerste regel (docs/api.md).",
                Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && (status.StartsWith('2') || status.StartsWith('3')))
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["API-Version"] = new OpenApiHeader
                {
                    Description = "De volledige versie van de API (semantic versioning).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }

        return Task.CompletedTask;
    }

    public static Task TransformDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var options = context.ApplicationServices.GetRequiredService<ApiOptions>();
        var http = context.ApplicationServices.GetRequiredService<IHttpContextAccessor>().HttpContext;
        var baseUrl = options.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : http is null ? "https://localhost" : $"{http.Request.Scheme}://{http.Request.Host}";

        document.Info = new OpenApiInfo
        {
            Title = "Herstelmeldpunt API",
            Version = ApiSetup.Version,
            Description = "Meldingen, statussen en cijfers van het herstelmeldpunt voor ketenpartners. Geen BSN of andere persoonsgegevens in paden of query's: zoeken op BSN gaat met POST /cases/_search. Zie docs/api.md.",
            Contact = new OpenApiContact { Name = options.ContactName, Email = options.ContactEmail, Url = new Uri(options.ContactUrl) },
        };
        document.Servers = [new OpenApiServer { Url = baseUrl + ApiSetup.BasePath, Description = "Herstelmeldpunt" }];

        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            paths.Add(path.StartsWith(ApiSetup.BasePath, StringComparison.Ordinal) ? path[ApiSetup.BasePath.Length..] : path, item);
        }

        document.Paths = paths;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiSetup.SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "OAuth 2 client credentials. Een beheerder registreert de koppeling en geeft het geheim één keer.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(baseUrl + ApiSetup.BasePath + "/token"),
                    Scopes = new Dictionary<string, string>
                    {
                        [ApiScopes.CasesRead] = "Meldingen lezen (lijst, één melding, zoeken op BSN, statusexport)",
                        [ApiScopes.CasesWrite] = "Een melding indienen namens iemand",
                        [ApiScopes.ProvisionsWrite] = "Vastleggen dat de voorzieningen zijn uitgevoerd",
                        [ApiScopes.FiguresRead] = "De managementcijfers lezen",
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
