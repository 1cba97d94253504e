using System.Net;
using System.Text.Json;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Api;

/// <summary>The API's behaviour for a partner's system, over real HTTP, on both databases.</summary>
public abstract class PartnerApiTests<THost, TFactory>(THost host)
    where THost : ApiHost<TFactory>
    where TFactory : AppFactory, new()
{
    private static readonly string[] All = [.. ApiScopes.All];

    [Fact]
    public async Task A_partner_files_a_report_and_reads_it_back_without_any_personal_data_in_the_answers()
    {
        var token = await host.TokenAsync(All);
        var bsn = TestBsn.Next();

        using var filed = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", token, ApiCalls.ValidReport(bsn, "Wilhelmina Partnerdijk"), new Dictionary<string, string> { ["Idempotency-Key"] = "melding-" + bsn });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal("1.0.0", filed.Headers.GetValues("API-Version").Single());
        var summary = await ApiCalls.JsonAsync(filed);
        var id = summary.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/cases/{id:D}", filed.Headers.Location!.ToString());
        Assert.Equal("screening", summary.GetProperty("state").GetString());
        Assert.Equal("partner", summary.GetProperty("source").GetString());
        Assert.Equal("high", summary.GetProperty("urgency").GetString()); // debt collection: the form's own urgency rule

        using var one = await host.SendAsync(HttpMethod.Get, $"/api/v1/cases/{id}", token);
        var detail = await ApiCalls.JsonAsync(one);
        Assert.Equal(["start"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("transition").GetString()));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("decision").ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", detail.GetProperty("deadlines").GetProperty("dueOn").GetString()!);

        using var found = await host.SendAsync(HttpMethod.Post, "/api/v1/cases/_search", token, new { bsn });
        Assert.Equal([id], (await ApiCalls.JsonAsync(found)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        using var listed = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?state=screening&pageSize=100", token);
        var listText = await listed.Content.ReadAsStringAsync();
        foreach (var text in new[] { await one.Content.ReadAsStringAsync(), await found.Content.ReadAsStringAsync(), listText })
        {
            Assert.DoesNotContain(bsn, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Partnerdijk", text, StringComparison.Ordinal);
            Assert.DoesNotContain("schulden", text, StringComparison.Ordinal);
            Assert.DoesNotContain("melder@example.nl", text, StringComparison.Ordinal);
        }

        var stored = await host.App.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == id));
        Assert.Equal(("Wilhelmina Partnerdijk", bsn, Herstelmeldpunt.Web.Reports.ReportSource.Partner), (stored.FullName, stored.Bsn, stored.Source));
        var logged = await host.App.WithDbAsync(db => db.AccessLog.Where(a => a.CaseId == id).Select(a => a.Action).ToListAsync());
        Assert.Contains(ApiAccessActions.CaseFiled, logged);
        Assert.Contains(ApiAccessActions.CaseRead, logged);
        Assert.Contains(ApiAccessActions.CasesSearched, logged);
    }

    [Fact]
    public async Task A_report_with_mistakes_gets_every_problem_at_once_in_the_callers_language_and_nothing_is_stored()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        var report = ApiCalls.ValidReport("123456789");
        report["dateOfBirth"] = "17-05-1970";
        report["preferredChannel"] = "pigeon";
        report["noIncome"] = null;
        report["consent"] = false;
        var before = await host.App.WithDbAsync(db => db.Reports.CountAsync());

        using var refused = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", token, report, new Dictionary<string, string> { ["Idempotency-Key"] = "fout-1", ["Accept-Language"] = "en" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(ApiProblem.ContentType, refused.Content.Headers.ContentType!.MediaType);
        var problem = await ApiCalls.JsonAsync(refused);
        Assert.Equal("Invalid input", problem.GetProperty("title").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var names = problem.GetProperty("invalidParams").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "bsn", "dateOfBirth", "preferredChannel", "noIncome", "consent" }, names);
        Assert.All(problem.GetProperty("invalidParams").EnumerateArray(), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("reason").GetString())));
        Assert.DoesNotContain("123456789", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await host.App.WithDbAsync(db => db.Reports.CountAsync()));
        Assert.True(await host.App.WithDbAsync(db => db.AccessLog.AnyAsync(a => a.Action == "api.fileReport" && a.UserName.StartsWith("API: ") && a.CaseId == null)), "a refused call is in the access log too");

        using var broken = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", token, "{\"fullName\": ", new Dictionary<string, string> { ["Idempotency-Key"] = "fout-2" });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("Verzoek niet te lezen", (await ApiCalls.JsonAsync(broken)).GetProperty("title").GetString());

        using var keyless = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", token, ApiCalls.ValidReport(TestBsn.Next()));
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Equal("Idempotency-Key", (await ApiCalls.JsonAsync(keyless)).GetProperty("invalidParams")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Retries_with_the_same_key_racing_each_other_make_one_report_and_another_body_with_that_key_is_refused()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        var bsn = TestBsn.Next();
        var body = JsonSerializer.Serialize(ApiCalls.ValidReport(bsn), JsonSerializerOptions.Web);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "retry-" + bsn };

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", token, body, headers);
            return (response.StatusCode, Id: (await ApiCalls.JsonAsync(response)).GetProperty("id").GetGuid(), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Equal(11, answers.Count(a => a.Replayed));
        var hash = await host.App.WithDbAsync(db => Task.FromResult(db.Cipher.BsnHash(bsn)));
        Assert.Equal(1, await host.App.WithDbAsync(db => db.Reports.CountAsync(r => r.BsnHash == hash)));
        Assert.Equal(1, await host.App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == "receipt" && m.CaseId == answers[0].Id)));

        var other = ApiCalls.ValidReport(bsn);
        other["description"] = "Iets anders.";
        using var conflicting = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", token, other, headers);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, conflicting.StatusCode);
        Assert.Equal(1, await host.App.WithDbAsync(db => db.Reports.CountAsync(r => r.BsnHash == hash)));

        // Another client may use the same key for its own report.
        var otherToken = await host.TokenAsync(ApiScopes.CasesWrite);
        using var own = await host.SendAsync(HttpMethod.Post, "/api/v1/cases", otherToken, body, headers);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.NotEqual(answers[0].Id, (await ApiCalls.JsonAsync(own)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Provisions_are_recorded_once_after_a_final_decision_and_refused_before_it()
    {
        var token = await host.TokenAsync(ApiScopes.ProvisionsWrite);
        var cases = await CaseSeed.AddAsync(host.App, 2, 7, "Voorziening", i => i == 0 ? "decision_final" : "screening");

        using var recorded = await host.SendAsync(HttpMethod.Post, $"/api/v1/cases/{cases[0].Id}/provisions-carried-out", token, new { note = "Uitkering hersteld en nabetaald op 20 november." });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal("follow_up_scheduled", (await ApiCalls.JsonAsync(recorded)).GetProperty("state").GetString());
        using var again = await host.SendAsync(HttpMethod.Post, $"/api/v1/cases/{cases[0].Id}/provisions-carried-out", token, new { note = "Uitkering hersteld en nabetaald op 20 november." });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var journal = await host.App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == cases[0].Id).ToListAsync());
        var step = Assert.Single(journal, j => j.Transition == ProvisionsEndpoint.Transition);
        Assert.StartsWith("API: Testkoppeling", step.ActorName, StringComparison.Ordinal);
        Assert.True(await host.App.WithDbAsync(db => db.WorkflowTimers.AnyAsync(t => t.InstanceId == cases[0].Id && t.FiredAt == null && t.CancelledAt == null)), "the follow-up call is planned");

        using var early = await host.SendAsync(HttpMethod.Post, $"/api/v1/cases/{cases[1].Id}/provisions-carried-out", token, new { note = "Uitkering hersteld en nabetaald op 20 november." });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("screening", await host.App.StateAsync(cases[1].Id));
        using var unknown = await host.SendAsync(HttpMethod.Post, $"/api/v1/cases/{Guid.NewGuid()}/provisions-carried-out", token, new { note = "Uitkering hersteld en nabetaald op 20 november." });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_case_list_pages_with_a_cursor_through_every_case_once_and_refuses_a_forged_cursor()
    {
        var token = await host.TokenAsync(ApiScopes.CasesRead);
        var prefix = "Lijst" + Guid.NewGuid().ToString("N")[..6];
        await CaseSeed.AddAsync(host.App, 25, 11, prefix, _ => "back_with_manager");

        var seen = new List<Guid>();
        string? next = "/api/v1/cases?state=back_with_manager&receivedFrom=2026-11-22&pageSize=10";
        var pages = 0;
        while (next is not null)
        {
            using var page = await host.SendAsync(HttpMethod.Get, next, token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var json = await ApiCalls.JsonAsync(page);
            seen.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            next = json.GetProperty("links").GetProperty("next").ValueKind == JsonValueKind.Null ? null : json.GetProperty("links").GetProperty("next").GetProperty("href").GetString();
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Distinct().Count());
        Assert.Equal(25, seen.Count);

        using var forged = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?cursor=bm9wZQ", token);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var badDate = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?receivedFrom=gisteren", token);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(ApiProblem.ContentType, badDate.Content.Headers.ContentType!.MediaType);
        using var tooMany = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?pageSize=1000", token);
        Assert.Equal("pageSize", (await ApiCalls.JsonAsync(tooMany)).GetProperty("invalidParams")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_status_export_has_the_zaken_api_shape_and_changed_since_leaves_out_what_did_not_move()
    {
        var token = await host.TokenAsync(ApiScopes.CasesRead);
        var seeded = await CaseSeed.AddAsync(host.App, 3, 5, "Zaak", i => i == 0 ? "closed" : "with_committee");
        var since = AppFactory.DefaultNow.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await host.App.WithDbAsync(async db =>
        {
            var moved = await db.WorkflowInstances.SingleAsync(i => i.Id == seeded[1].Id);
            moved.StateEnteredAt = AppFactory.DefaultNow.UtcDateTime.AddHours(1);
            return await db.SaveChangesAsync();
        });

        var zaken = await AllPagesAsync("/api/v1/status-export?pageSize=100", token);
        var closed = zaken.Single(z => z.GetProperty("uuid").GetGuid() == seeded[0].Id);
        Assert.Equal(seeded[0].Reference, closed.GetProperty("identificatie").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", closed.GetProperty("startdatum").GetString()!);
        Assert.Equal("closed", closed.GetProperty("status").GetProperty("statustype").GetString());
        Assert.EndsWith("Z", closed.GetProperty("status").GetProperty("datumStatusGezet").GetString()!, StringComparison.Ordinal);
        Assert.Equal("closed", closed.GetProperty("resultaat").GetProperty("resultaattype").GetString());
        Assert.Equal(JsonValueKind.Null, zaken.Single(z => z.GetProperty("uuid").GetGuid() == seeded[2].Id).GetProperty("resultaat").ValueKind);

        var ids = (await AllPagesAsync("/api/v1/status-export?pageSize=100&changedSince=" + Uri.EscapeDataString(since), token)).Select(z => z.GetProperty("uuid").GetGuid()).ToList();
        Assert.Contains(seeded[1].Id, ids);
        Assert.DoesNotContain(seeded[0].Id, ids);
        Assert.DoesNotContain(seeded[2].Id, ids);
    }

    private async Task<List<JsonElement>> AllPagesAsync(string first, string token)
    {
        var items = new List<JsonElement>();
        string? next = first;
        while (next is not null)
        {
            using var page = await host.SendAsync(HttpMethod.Get, next, token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var json = await ApiCalls.JsonAsync(page);
            items.AddRange(json.GetProperty("items").EnumerateArray());
            var link = json.GetProperty("links").GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetProperty("href").GetString();
        }

        return items;
    }

    [Fact]
    public async Task Figures_are_the_dashboards_own_numbers()
    {
        var token = await host.TokenAsync(ApiScopes.FiguresRead);
        using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/figures?from=2026-01-01&to=2026-12-31", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var figures = await ApiCalls.JsonAsync(response);
        var direct = await host.App.WithDbAsync(db => db.Reports.CountAsync(r => r.ReceivedAt >= new DateTime(2025, 12, 31, 23, 0, 0, DateTimeKind.Utc) && r.ReceivedAt < new DateTime(2026, 12, 31, 23, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(direct, figures.GetProperty("received").GetInt32());
        Assert.False(figures.TryGetProperty("committeeWorkload", out _)); // staff names stay inside

        using var reversed = await host.SendAsync(HttpMethod.Get, "/api/v1/figures?from=2026-12-31&to=2026-01-01", token);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
    }

    [Fact]
    public async Task A_token_ends_with_its_lifetime_a_rotated_secret_and_a_revoked_client()
    {
        var (id, secret) = await host.RegisterClientAsync([ApiScopes.CasesRead]);
        using var wrong = await host.RequestTokenAsync(id, secret + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", (await ApiCalls.JsonAsync(wrong)).GetProperty("error").GetString());
        using var tooMuch = await host.RequestTokenAsync(id, secret, ApiScopes.CasesWrite);
        Assert.Equal("invalid_scope", (await ApiCalls.JsonAsync(tooMuch)).GetProperty("error").GetString());

        using var issued = await host.RequestTokenAsync(id, secret);
        var token = (await ApiCalls.JsonAsync(issued)).GetProperty("access_token").GetString()!;
        Assert.Equal("no-store", issued.Headers.CacheControl!.ToString());
        Assert.Equal(0, await host.App.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.TokenHash == token)));
        using (var ok = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?pageSize=1", token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        host.App.Clock.Advance(TimeSpan.FromMinutes(61));
        using (var expired = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?pageSize=1", token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using var fresh = await host.RequestTokenAsync(id, secret);
        var second = (await ApiCalls.JsonAsync(fresh)).GetProperty("access_token").GetString()!;
        await host.App.WithDbAsync(async db =>
        {
            await db.Set<ApiClient>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, host.App.Clock.GetUtcNow().UtcDateTime));
            return 0;
        });
        using var revoked = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?pageSize=1", second);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        using var noMore = await host.RequestTokenAsync(id, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, noMore.StatusCode);
    }

    [Fact]
    public async Task A_client_over_its_rate_limit_gets_429_with_retry_after()
    {
        var (id, secret) = await host.RegisterClientAsync([ApiScopes.CasesRead], requestsPerMinute: 3);
        using var issued = await host.RequestTokenAsync(id, secret);
        var token = (await ApiCalls.JsonAsync(issued)).GetProperty("access_token").GetString()!;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?pageSize=1", token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
                Assert.Equal(ApiProblem.ContentType, response.Content.Headers.ContentType!.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var others = await host.SendAsync(HttpMethod.Get, "/api/v1/cases?pageSize=1", await host.TokenAsync(ApiScopes.CasesRead));
        Assert.Equal(HttpStatusCode.OK, others.StatusCode); // another client has its own budget
    }

    [Fact]
    public async Task Unknown_addresses_and_errors_under_the_api_are_problem_json_never_html()
    {
        using var unknown = await host.SendAsync(HttpMethod.Get, "/api/v1/does-not-exist", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(ApiProblem.ContentType, unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("1.0.0", unknown.Headers.GetValues("API-Version").Single());
        using var staffCookieIsNotEnough = await host.SendAsync(HttpMethod.Get, "/api/v1/cases", null);
        Assert.Equal(HttpStatusCode.Unauthorized, staffCookieIsNotEnough.StatusCode);
    }
}

public sealed class PartnerApiTestsOnSqlite(SqliteApiHost host) : PartnerApiTests<SqliteApiHost, SqliteAppFactory>(host), IClassFixture<SqliteApiHost>;

public sealed class PartnerApiTestsOnPostgres(PostgresApiHost host) : PartnerApiTests<PostgresApiHost, PostgresAppFactory>(host), IClassFixture<PostgresApiHost>;
