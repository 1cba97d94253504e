using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Api;

/// <summary>
/// The published OpenAPI document: checked by Spectral with Logius' API Design Rules ruleset (tools/api-lint, installed
/// by test.sh), walked operation by operation against what the endpoints really answer, and every secured operation
/// tried without a token, with the wrong scope and with the right one.
/// </summary>
public abstract class OpenApiDocumentTests<THost, TFactory>(THost host)
    where THost : ApiHost<TFactory>
    where TFactory : AppFactory, new()
{
    private static readonly string[] ReceivedOnly = [WebhookEvents.Received];

    private async Task<JsonObject> DocumentAsync()
    {
        using var response = await host.Http.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!.AsObject())));

    /// <summary>A call of an operation that should succeed for a token with every scope.</summary>
    private async Task<HttpResponseMessage> CallAsync(string method, string path, string? token, Guid caseId, Guid finalCaseId)
    {
        if (method == "DELETE" && path == "/webhooks/{id}" && token is not null)
        {
            // Something of this client's own to remove (with the client's own token: another client's is a 404).
            using var made = await host.SendAsync(HttpMethod.Post, "/api/v1/webhooks", token, new { url = "https://partner.example.nl/hooks", events = ReceivedOnly });
            caseId = made.IsSuccessStatusCode ? (await ApiCalls.JsonAsync(made)).GetProperty("id").GetGuid() : caseId;
        }

        var concrete = "/api/v1" + path.Replace("{id}", (path.EndsWith("provisions-carried-out", StringComparison.Ordinal) ? finalCaseId : caseId).ToString(), StringComparison.Ordinal);
        return (method, path) switch
        {
            ("POST", "/webhooks") => await host.SendAsync(HttpMethod.Post, concrete, token, new { url = "https://partner.example.nl/hooks", events = ReceivedOnly }),
            ("POST", "/token") => await host.Http.PostAsync(concrete, new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" })),
            ("POST", "/cases") => await host.SendAsync(HttpMethod.Post, concrete, token, ApiCalls.ValidReport(TestBsn.Next()), new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") }),
            ("POST", "/batches/reports") => await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, concrete)
            {
                Content = new StringContent("key;fullName;bsn;dateOfBirth;email;phone;preferredChannel;preferredTime;street;postcode;city;representativeName;representativeRelation;representativeEmail;representativePhone;emotionalTrouble;psychologicalTrouble;financialTrouble;description;noIncome;debtCollectionOrEviction;crisisOrDanger;consent;language\n" + Guid.NewGuid().ToString("N") + ";Contract Melder;" + TestBsn.Next() + ";1970-01-01;c@example.nl;;email;morning;;;;;;;;true;false;false;Tekst.;false;false;false;true;nl", System.Text.Encoding.UTF8, "text/csv"),
                Headers = { Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
            }),
            ("POST", "/batches/status-updates") => await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, concrete)
            {
                Content = new StringContent("referenceNumber;update;note\n" + await host.App.WithDbAsync(db => db.Reports.Where(r => r.Id == finalCaseId).Select(r => r.ReferenceNumber).SingleAsync()) + ";provisionsCarriedOut;Gedaan.", System.Text.Encoding.UTF8, "text/csv"),
                Headers = { Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
            }),
            ("POST", "/cases/_search") => await host.SendAsync(HttpMethod.Post, concrete, token, new { bsn = TestBsn.Next() }),
            ("POST", "/cases/{id}/provisions-carried-out") => await host.SendAsync(HttpMethod.Post, concrete, token, new { note = "Nabetaling gedaan." }),
            _ => await host.SendAsync(new HttpMethod(method), concrete, token),
        };
    }

    [Fact]
    public async Task Every_documented_operation_answers_with_a_documented_status_and_the_documented_fields()
    {
        var document = await DocumentAsync();
        var token = await host.TokenAsync([.. ApiScopes.All]);
        var cases = await CaseSeed.AddAsync(host.App, 2, 3, "Contract", i => i == 0 ? "screening" : "decision_final");
        var schemas = document["components"]!["schemas"]!.AsObject();
        var operations = Operations(document).ToList();
        Assert.Equal(13, operations.Count);

        foreach (var (method, path, operation) in operations.Where(o => o.Path != "/token"))
        {
            using var response = await CallAsync(method, path, token, cases[0].Id, cases[1].Id);
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(status.StartsWith('2'), $"{method} {path} answered {status}: {await response.Content.ReadAsStringAsync()}");
            var documented = operation["responses"]!.AsObject();
            Assert.True(documented.ContainsKey(status), $"{method} {path}: {status} is not documented");
            Assert.Equal(ApiSetup.Version, response.Headers.GetValues("API-Version").Single());

            // The body has exactly the properties the documented schema names (204: no body, no schema).
            if (status == "204")
            {
                Assert.Null(documented[status]!["content"]);
                continue;
            }

            var reference = documented[status]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            var schema = schemas[reference.Split('/')[^1]]!.AsObject();
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(schema["properties"]!.AsObject().Select(p => p.Key).Order(), body.Select(p => p.Key).Order());
        }

        using var token400 = await CallAsync("POST", "/token", null, Guid.Empty, Guid.Empty);
        Assert.Equal(HttpStatusCode.Unauthorized, token400.StatusCode); // no client id: documented 401
        Assert.True(Operations(document).Single(o => o.Path == "/token").Operation["responses"]!.AsObject().ContainsKey("401"));
    }

    [Fact]
    public async Task Every_secured_operation_refuses_no_token_and_the_wrong_scope_and_accepts_the_right_one()
    {
        var document = await DocumentAsync();
        var cases = await CaseSeed.AddAsync(host.App, 2, 4, "Scopes", i => i == 0 ? "screening" : "decision_final");
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Operation["security"] is not null))
        {
            var scope = operation["security"]![0]!["oauth2"]![0]!.GetValue<string>();
            var wrong = ApiScopes.All.First(s => s != scope);

            using var none = await CallAsync(method, path, null, cases[0].Id, cases[1].Id);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal(ApiProblem.ContentType, none.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            using var forbidden = await CallAsync(method, path, await host.TokenAsync(wrong), cases[0].Id, cases[1].Id);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal(403, (await ApiCalls.JsonAsync(forbidden)).GetProperty("status").GetInt32());

            using var allowed = await CallAsync(method, path, await host.TokenAsync(scope), cases[0].Id, cases[1].Id);
            Assert.True(allowed.IsSuccessStatusCode, $"{method} {path} with {scope}: {(int)allowed.StatusCode}");
        }
    }

    [Fact]
    public async Task The_reference_page_lists_every_operation_of_the_document()
    {
        var document = await DocumentAsync();
        using var response = await host.Http.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var (method, path, _) in Operations(document))
        {
            Assert.Contains($"{method} {path}", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
    }
}

public sealed class OpenApiDocumentTestsOnSqlite(SqliteApiHost host) : OpenApiDocumentTests<SqliteApiHost, SqliteAppFactory>(host), IClassFixture<SqliteApiHost>;

public sealed class OpenApiDocumentTestsOnPostgres(PostgresApiHost host) : OpenApiDocumentTests<PostgresApiHost, PostgresAppFactory>(host), IClassFixture<PostgresApiHost>;

/// <summary>Logius' Spectral ruleset for the API Design Rules reports no errors on the published document, and does report them on a broken one.</summary>
public sealed class ApiDesignRulesTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    private static string Spectral => Environment.GetEnvironmentVariable("HERSTELMELDPUNT_TEST_SPECTRAL") is { Length: > 0 } path
        ? path
        : throw new InvalidOperationException("Spectral is not installed: run the tests with ./test.sh (it runs 'npm ci' in tools/api-lint), or set HERSTELMELDPUNT_TEST_SPECTRAL.");

    private static string Ruleset => Path.Combine(Localization.TextsTests.RepositoryRoot(), "tools", "api-lint", "adr-ruleset.yaml");

    private static async Task<List<JsonElement>> LintAsync(string document)
    {
        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var start = new ProcessStartInfo(Spectral, ["lint", "--ruleset", Ruleset, "--format", "json", "--fail-severity", "error", "--quiet", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(output.TrimStart().StartsWith('['), $"Spectral did not report: {output} {errors}");
            return [.. JsonDocument.Parse(output).RootElement.EnumerateArray()];
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_published_document_meets_the_api_design_rules()
    {
        var document = await host.Http.GetStringAsync("/api/v1/openapi.json");
        var findings = await LintAsync(document);
        var errors = findings.Where(f => f.GetProperty("severity").GetInt32() == 0).Select(f => $"{f.GetProperty("code")}: {f.GetProperty("message")}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_ruleset_notices_a_missing_version_header_and_a_non_problem_error()
    {
        var document = JsonNode.Parse(await host.Http.GetStringAsync("/api/v1/openapi.json"))!.AsObject();
        var list = document["paths"]!["/cases"]!["get"]!["responses"]!;
        list["200"]!.AsObject().Remove("headers");
        var problem = list["400"]!["content"]!.AsObject();
        var schema = problem["application/problem+json"]!.DeepClone();
        problem.Remove("application/problem+json");
        problem["application/json"] = schema;

        var codes = (await LintAsync(document.ToJsonString())).Where(f => f.GetProperty("severity").GetInt32() == 0).Select(f => f.GetProperty("code").GetString()).ToHashSet();
        Assert.Contains("nlgov:missing-header", codes);
        Assert.Contains("nlgov:use-problem-schema", codes);
    }
}
