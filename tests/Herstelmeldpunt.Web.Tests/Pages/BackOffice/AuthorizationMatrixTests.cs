using System.Net;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>
/// Every endpoint the app has (read from its endpoint data source), requested anonymously and as each
/// role, against the expected answer below. An endpoint missing from the table fails the test, so a
/// new page cannot slip in without someone deciding who may use it.
/// </summary>
public abstract class AuthorizationMatrixTests(AppFactory app)
{
    private const string Anyone = "anyone";
    private const string SignedIn = "any signed-in staff";

    /// <summary>A reporter's session on Mijn melding (none of the sessions here has one: each is sent to ask for a link).</summary>
    private const string Reporter = "reporter with a link";

    /// <summary>The partner API: a bearer token, never a staff cookie (what each scope allows is tested in Api/OpenApiDocumentTests).</summary>
    private const string ApiClient = "API client with a token";

    private static readonly string[] AllRoles = [.. StaffRoles.All];

    /// <summary>Route pattern → who may use it: <see cref="Anyone"/>, <see cref="SignedIn"/>, or the roles.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        [""] = [Anyone],
        ["privacy"] = [Anyone],
        ["servicenormen"] = [Anyone],
        ["toegankelijkheid"] = [Anyone],
        ["voortgang"] = [Anyone],
        ["voortgang/open-data.json"] = [Anyone],
        ["voortgang/open-data.csv"] = [Anyone],
        ["voortgang/open-data.schema.json"] = [Anyone],
        ["mijn-melding/terugbellen"] = [Reporter],
        ["backoffice/meldingen/{id:guid}/terugbellen"] = [StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/meldingen/{id:guid}/stand-van-zaken"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/rapportages"] = [StaffRoles.Manager],
        ["fout/{code:int?}"] = [Anyone],
        ["melden"] = [Anyone],
        ["melden/ontvangen/{key:guid}"] = [Anyone],
        ["melden/opgeslagen/{id:guid}"] = [Anyone],
        ["mijn-melding"] = [Reporter],
        ["mijn-melding/intrekken"] = [Reporter],
        ["mijn-melding/voorstel"] = [Reporter],
        ["mijn-melding/slechter"] = [Reporter],
        ["mijn-melding/afspraak"] = [Reporter],
        ["mijn-melding/bezwaar"] = [Reporter],
        ["mijn-melding/klacht"] = [Reporter],
        ["klacht"] = [Anyone],
        ["backoffice/meldingen/{id:guid}/klacht"] = [StaffRoles.IntakeStaff, StaffRoles.CustomerContact],
        ["backoffice/klachten"] = [StaffRoles.ComplaintsOfficer, StaffRoles.Manager],
        ["backoffice/klachten/{id:guid}"] = [StaffRoles.ComplaintsOfficer, StaffRoles.Manager],
        ["backoffice/meldingen/{id:guid}/bezwaar"] = [StaffRoles.SmzDecisionMaker],
        ["afspraak/{token}"] = [Anyone],
        ["backoffice/afspraken"] = [StaffRoles.CustomerContact, StaffRoles.SmzDecisionMaker, StaffRoles.Manager],
        ["mijn-melding/contact"] = [Reporter],
        ["mijn-melding/documenten/{id:guid}"] = [Reporter],
        ["mijn-melding/brieven/{id:guid}"] = [Reporter],
        ["mijn-melding/link-aanvragen"] = [Anyone],
        ["mijn-melding/link/{token}"] = [Anyone],
        ["mijn-melding/e-mailadres/bevestigen/{token}"] = [Anyone],
        ["mijn-melding/e-mailadres/terugdraaien/{token}"] = [Anyone],
        ["backoffice/meldingen/{id:guid}/e-mailadres"] = [StaffRoles.IntakeStaff, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["taal/{language}"] = [Anyone],
        ["health/live"] = [Anyone],
        ["health/ready"] = [Anyone],
        ["{*path}"] = [Anyone],
        ["backoffice/inloggen"] = [Anyone],
        ["backoffice/inloggen/code"] = [Anyone],
        ["backoffice/inloggen/herstelcode"] = [Anyone],
        ["backoffice/account/wachtwoord-instellen"] = [Anyone],
        ["backoffice/geen-toegang"] = [Anyone],
        ["backoffice/account/tweestapsverificatie"] = [SignedIn],
        ["backoffice/uitloggen"] = [SignedIn],
        ["backoffice"] = AllRoles,
        ["backoffice/account"] = AllRoles,
        ["backoffice/account/wachtwoord-wijzigen"] = AllRoles,
        ["backoffice/account/authenticator-vervangen"] = AllRoles,
        ["api"] = [Anyone],
        ["api/{documentName}/openapi.json"] = [Anyone],
        ["api/{**path}"] = [Anyone],
        ["api/v1/token"] = [Anyone],
        ["api/v1/cases"] = [ApiClient],
        ["api/v1/cases/{id:guid}"] = [ApiClient],
        ["api/v1/cases/_search"] = [ApiClient],
        ["api/v1/cases/{id:guid}/provisions-carried-out"] = [ApiClient],
        ["api/v1/figures"] = [ApiClient],
        ["api/v1/status-export"] = [ApiClient],
        ["api/v1/webhooks"] = [ApiClient],
        ["api/v1/batches/reports"] = [ApiClient],
        ["api/v1/batches/status-updates"] = [ApiClient],
        ["api/v1/webhooks/{id:guid}"] = [ApiClient],
        ["backoffice/beheer/koppelingen"] = [StaffRoles.Administrator],
        ["backoffice/beheer/koppelingen/nieuw"] = [StaffRoles.Administrator],
        ["backoffice/beheer/koppelingen/{id:guid}"] = [StaffRoles.Administrator],
        ["backoffice/beheer/accounts"] = [StaffRoles.Administrator],
        ["backoffice/beheer/accounts/uitnodigen"] = [StaffRoles.Administrator],
        ["backoffice/beheer/accounts/{id}"] = [StaffRoles.Administrator],
        ["backoffice/beheer/logboek"] = [StaffRoles.Administrator],
        ["backoffice/privacy/toegang"] = [StaffRoles.Administrator, StaffRoles.PrivacyOfficer],
        ["backoffice/privacy/inzage"] = [StaffRoles.Administrator, StaffRoles.PrivacyOfficer],
        ["backoffice/privacy/bewaartermijnen"] = [StaffRoles.Administrator, StaffRoles.PrivacyOfficer],
        ["backoffice/beheer/export"] = [StaffRoles.Administrator],
        ["backoffice/meldingen"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/meldingen/{id:guid}"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/meldingen/nieuw"] = [StaffRoles.IntakeStaff],
        ["backoffice/meldingen/herverdelen"] = [StaffRoles.CommitteeChair, StaffRoles.Manager],
        ["backoffice/doelgroep"] = [StaffRoles.Administrator],
        ["backoffice/doelgroep/importeren"] = [StaffRoles.Administrator],
        ["backoffice/doelgroep/brieven"] = [StaffRoles.Administrator],
        ["backoffice/doelgroep/niet-gemeld"] = [StaffRoles.Administrator, StaffRoles.Manager],
        ["backoffice/werkvoorraad"] = AllRoles,
        ["backoffice/filters"] = AllRoles,
        ["backoffice/processen"] = [StaffRoles.Administrator, StaffRoles.Manager],
        ["backoffice/taken/{**path}"] = [StaffRoles.Administrator, StaffRoles.Manager],
        ["backoffice/dashboard"] = [StaffRoles.Manager],
        ["backoffice/dashboard/urgent"] = [StaffRoles.Manager],
        ["backoffice/meldingen/{id:guid}/stap/{transition}"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/meldingen/{id:guid}/zienswijze"] = [StaffRoles.SmzDecisionMaker],
        ["backoffice/meldingen/{id:guid}/situatie"] = [StaffRoles.IntakeStaff, StaffRoles.CustomerContact],
        ["backoffice/meldingen/{id:guid}/beslistermijn"] = [StaffRoles.IntakeStaff, StaffRoles.SmzDecisionMaker, StaffRoles.Manager],
        ["backoffice/meldingen/{caseId:guid}/notities/{id:guid}"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/meldingen/{caseId:guid}/documenten/{id:guid}"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/meldingen/{caseId:guid}/brieven/{id:guid}"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/brieven"] = [StaffRoles.IntakeStaff, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/brieven/batch/{id:guid}"] = [StaffRoles.IntakeStaff, StaffRoles.CustomerContact, StaffRoles.Manager],
        ["backoffice/meldingen/{id:guid}/advies"] = [StaffRoles.IntakeStaff, StaffRoles.CommitteeMember, StaffRoles.CommitteeChair, StaffRoles.SmzDecisionMaker, StaffRoles.CustomerContact, StaffRoles.Manager],
    };

    [Fact]
    public async Task Every_endpoint_answers_anonymous_users_and_each_role_as_the_matrix_says()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var patterns = endpoints.Select(e => e.RoutePattern.RawText!.Trim('/')).Distinct().ToList();

        // GET where the route has it; a route without GET (API operations) is sent its own method.
        var methodOf = endpoints
            .GroupBy(e => e.RoutePattern.RawText!.Trim('/'))
            .ToDictionary(g => g.Key, g =>
            {
                var methods = g.Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods).ToList();
                return methods.Any(m => m is null || m.Contains("GET")) ? "GET" : methods[0]![0];
            });

        var unknown = patterns.Where(p => !Expected.ContainsKey(p)).ToList();
        Assert.True(unknown.Count == 0, "Endpoints without an entry in the authorization matrix: " + string.Join(", ", unknown));
        Assert.Empty(Expected.Keys.Except(patterns)); // the table has no stale rows

        var sessions = new Dictionary<string, HttpClient> { ["anonymous"] = StaffSession.NewClient(app) };
        foreach (var role in StaffRoles.All)
        {
            sessions[role] = (await StaffSession.SignInAsNewAsync(app, role)).Client;
        }

        var wrong = new List<string>();
        foreach (var pattern in patterns)
        {
            var url = "/" + pattern
                .Replace("{code:int?}", "404", StringComparison.Ordinal)
                .Replace("{key:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{caseId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{id}", "onbekend", StringComparison.Ordinal)
                .Replace("{language}", "en", StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal)
                .Replace("{transition}", "withdraw", StringComparison.Ordinal)
                .Replace("{token}", "onbekend", StringComparison.Ordinal)
                .Replace("{**path}", "recurring", StringComparison.Ordinal)
                .Replace("{*path}", "bestaat-niet", StringComparison.Ordinal);
            foreach (var (who, client) in sessions)
            {
                using var request = new HttpRequestMessage(new HttpMethod(methodOf[pattern]), new Uri(url, UriKind.Relative));
                if (methodOf[pattern] == "POST")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var location = response.Headers.Location?.PathAndQuery() ?? string.Empty;
                // The authorization layer answers with a redirect that carries ReturnUrl; a page's own
                // redirect (for example the code step without a pending sign-in) does not.
                var challenged = response.StatusCode == HttpStatusCode.Redirect && location.Contains("ReturnUrl=", StringComparison.Ordinal);
                var outcome = challenged && location.StartsWith("/mijn-melding/link-aanvragen", StringComparison.Ordinal) ? "reporter-link"
                    : challenged && location.StartsWith("/backoffice/inloggen", StringComparison.Ordinal) ? "sign-in"
                    : challenged && location.StartsWith("/backoffice/geen-toegang", StringComparison.Ordinal) ? "denied"
                    : response.StatusCode == HttpStatusCode.Unauthorized ? "sign-in"
                    : "allowed";
                var allowed = Expected[pattern];
                var expected = allowed.Contains(Anyone) ? "allowed"
                    : allowed.Contains(ApiClient) ? "sign-in" // 401 for everyone without a bearer token, staff cookie or not
                    : allowed.Contains(Reporter) ? "reporter-link"
                    : who == "anonymous" ? "sign-in"
                    : allowed.Contains(SignedIn) || allowed.Contains(who) ? "allowed"
                    : "denied";
                if (outcome != expected)
                {
                    wrong.Add($"{url} as {who}: expected {expected}, got {outcome} ({(int)response.StatusCode} {location})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(SqliteAppFactory app) : AuthorizationMatrixTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresAppFactory app) : AuthorizationMatrixTests(app), IClassFixture<PostgresAppFactory>;
