using System.Net;
using System.Text;
using System.Text.Json;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Api;

/// <summary>Batch files for partners without an API integration: row by row, all or nothing, the same file twice changes nothing.</summary>
public abstract class BatchTests<THost, TFactory>(THost host)
    where THost : ApiHost<TFactory>
    where TFactory : AppFactory, new()
{
    private const string Header = "key;fullName;bsn;dateOfBirth;email;phone;preferredChannel;preferredTime;street;postcode;city;representativeName;representativeRelation;representativeEmail;representativePhone;emotionalTrouble;psychologicalTrouble;financialTrouble;description;noIncome;debtCollectionOrEviction;crisisOrDanger;consent;language";

    private static string ReportLine(string key, string bsn, string name = "Batch Melder", string dateOfBirth = "1968-02-29") =>
        $"{key};{name};{bsn};{dateOfBirth};batch@example.nl;0612345678;email;morning;;;;;;;;true;false;false;\"Herbeoordeeld; daarna\nzonder inkomen.\";true;false;false;true;nl";

    private async Task<HttpResponseMessage> UploadAsync(string token, string path, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await host.Http.SendAsync(request);
    }

    private Task<int> CountAsync(IEnumerable<string> bsns) => host.App.WithDbAsync(db =>
    {
        var hashes = bsns.Select(b => db.Cipher.BsnHash(b)).ToList();
        return db.Reports.CountAsync(r => hashes.Contains(r.BsnHash));
    });

    [Fact]
    public async Task A_file_with_a_bad_row_is_refused_as_a_whole_with_every_rows_outcome_and_stores_nothing()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        var good = TestBsn.Next();
        var other = TestBsn.Next();
        var csv = string.Join("\r\n", Header, ReportLine("r-1", good), ReportLine("r-2", "123456789"), ReportLine("r-1", other), ReportLine("r-4", other, dateOfBirth: "1968-02-30"));

        using var response = await UploadAsync(token, "/api/v1/batches/reports", "\uFEFF" + csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Content.Headers.ContentType!.MediaType);
        var problem = await ApiCalls.JsonAsync(response);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["accepted", "refused", "refused", "refused"], rows.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal([2, 4, 6, 8], rows.Select(r => r.GetProperty("line").GetInt32())); // physical lines: the description spans two
        Assert.Equal("bsn", rows[1].GetProperty("problems")[0].GetProperty("name").GetString());
        Assert.Equal("key", rows[2].GetProperty("problems")[0].GetProperty("name").GetString());
        Assert.Equal("dateOfBirth", rows[3].GetProperty("problems")[0].GetProperty("name").GetString());
        Assert.DoesNotContain(good, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync([good, other]));
    }

    [Fact]
    public async Task A_good_file_is_applied_once_and_the_same_file_again_changes_nothing()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        var bsns = Enumerable.Range(0, 3).Select(_ => TestBsn.Next()).ToList();
        var csv = string.Join("\n", [Header, .. bsns.Select((b, i) => ReportLine($"k-{b}", b))]);

        using var first = await UploadAsync(token, "/api/v1/batches/reports", csv);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = await ApiCalls.JsonAsync(first);
        Assert.Equal(3, result.GetProperty("accepted").GetInt32());
        var ids = result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("caseId").GetGuid()).ToList();
        Assert.Equal(3, await CountAsync(bsns));
        var stored = await host.App.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == ids[0]));
        Assert.Equal("Herbeoordeeld; daarna\nzonder inkomen.", stored.Description);
        Assert.Equal(Herstelmeldpunt.Web.Reports.ReportSource.Partner, stored.Source);

        using var again = await UploadAsync(token, "/api/v1/batches/reports", csv);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(ids, (await ApiCalls.JsonAsync(again)).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("caseId").GetGuid()));
        Assert.Equal(3, await CountAsync(bsns));

        // A new file that repeats a row already filed: that row is "unchanged", the new one is filed.
        var extra = TestBsn.Next();
        using var mixed = await UploadAsync(token, "/api/v1/batches/reports", string.Join("\n", Header, ReportLine($"k-{bsns[0]}", bsns[0]), ReportLine($"k-{extra}", extra)));
        var outcomes = (await ApiCalls.JsonAsync(mixed)).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["unchanged", "accepted"], outcomes);
        Assert.Equal(1, await CountAsync([bsns[0]]));
        Assert.Equal(1, await CountAsync([extra]));
    }

    [Fact]
    public async Task A_file_just_under_the_documented_two_megabytes_is_filed_whole()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        var bsns = Enumerable.Range(0, 450).Select(_ => TestBsn.Next()).ToList();
        var story = new string('x', 3900);
        var csv = string.Join("\n", [Header, .. bsns.Select(b => $"big-{b};Groot Bestand;{b};1970-01-01;groot@example.nl;;email;;;;;;;;;true;false;false;{story};false;false;false;true;nl")]);
        Assert.InRange(Encoding.UTF8.GetByteCount(csv), 1_750_000, 2 * 1024 * 1024); // about 1.8 MB

        using var response = await UploadAsync(token, "/api/v1/batches/reports", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // was refused by the server's 1 MB limit, with a message about the file's form
        Assert.Equal(450, (await ApiCalls.JsonAsync(response)).GetProperty("accepted").GetInt32());
        Assert.Equal(450, await CountAsync(bsns));
    }

    [Fact]
    public async Task A_filed_row_marks_the_person_in_the_target_group_as_reported_and_a_refused_file_marks_no_one()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        var (refusedRow, filedRow) = (TestBsn.Next(), TestBsn.Next());
        await host.App.AddToRegisterAsync(refusedRow);
        await host.App.AddToRegisterAsync(filedRow);
        Task<DateTime?> ReportedAtAsync(string bsn) => host.App.WithDbAsync(db => db.TargetGroupMembers.Where(m => m.BsnHash == db.Cipher.BsnHash(bsn)).Select(m => m.ReportedAt).SingleAsync());

        using var refused = await UploadAsync(token, "/api/v1/batches/reports", string.Join("\n", Header, ReportLine($"k-{refusedRow}", refusedRow), ReportLine("k-bad", "123456789")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Null(await ReportedAtAsync(refusedRow)); // the file is refused as a whole: nothing stored, no one marked

        using var filed = await UploadAsync(token, "/api/v1/batches/reports", string.Join("\n", Header, ReportLine($"k-{filedRow}", filedRow)));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var receivedAt = await host.App.WithDbAsync(db => db.Reports.Where(r => r.BsnHash == db.Cipher.BsnHash(filedRow)).Select(r => r.ReceivedAt).SingleAsync());
        Assert.Equal(receivedAt, await ReportedAtAsync(filedRow));
    }

    [Fact]
    public async Task Status_updates_record_provisions_for_final_decisions_and_refuse_the_whole_file_for_one_unknown_case()
    {
        var token = await host.TokenAsync(ApiScopes.ProvisionsWrite);
        var cases = await CaseSeed.AddAsync(host.App, 2, 13, "Batchstatus", _ => "decision_final");
        var bad = $"referenceNumber,update,note\n{cases[0].Reference},provisionsCarriedOut,Nabetaald.\nHM-0000-0000-0,provisionsCarriedOut,Nabetaald.";
        using var refused = await UploadAsync(token, "/api/v1/batches/status-updates", bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("decision_final", await host.App.StateAsync(cases[0].Id));

        var good = $"update,referenceNumber,note\nprovisionsCarriedOut,{cases[0].Reference},Nabetaald op 1 december.\nprovisionsCarriedOut,{cases[1].Reference},Begeleiding gestart.";
        using var applied = await UploadAsync(token, "/api/v1/batches/status-updates", good);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(2, (await ApiCalls.JsonAsync(applied)).GetProperty("accepted").GetInt32());
        Assert.Equal("follow_up_scheduled", await host.App.StateAsync(cases[0].Id));
        Assert.Equal("Begeleiding gestart.", await host.App.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == cases[1].Id && j.Transition == ProvisionsEndpoint.Transition).Select(j => j.Note).SingleAsync()));

        using var twice = await UploadAsync(token, "/api/v1/batches/status-updates", good);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(1, await host.App.WithDbAsync(db => db.WorkflowJournal.CountAsync(j => j.InstanceId == cases[0].Id && j.Transition == ProvisionsEndpoint.Transition)));
    }

    [Fact]
    public async Task A_file_that_is_not_csv_or_lacks_columns_is_refused_with_a_reason()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        using var json = await host.SendAsync(HttpMethod.Post, "/api/v1/batches/reports", token, new { });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        using var columns = await UploadAsync(token, "/api/v1/batches/reports", "key;naam\nr-1;Jan");
        Assert.Equal(HttpStatusCode.BadRequest, columns.StatusCode);
        var names = (await ApiCalls.JsonAsync(columns)).GetProperty("invalidParams").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("fullName", names);
        Assert.Contains("naam", names);
    }
}

public sealed class BatchTestsOnSqlite(SqliteApiHost host) : BatchTests<SqliteApiHost, SqliteAppFactory>(host), IClassFixture<SqliteApiHost>;

public sealed class BatchTestsOnPostgres(PostgresApiHost host) : BatchTests<PostgresApiHost, PostgresAppFactory>(host), IClassFixture<PostgresApiHost>;

/// <summary>An API host whose batch time box is too short for any file.</summary>
public sealed class TimeBoxedApiHost : ApiHost<SqliteAppFactory>
{
    public TimeBoxedApiHost() => App.Settings["Api:BatchTimeBox"] = "00:00:00.001";
}

/// <summary>A file that cannot be applied in its time box is not applied at all (issue 27, item 4).</summary>
public sealed class BatchTimeBoxTests(TimeBoxedApiHost host) : IClassFixture<TimeBoxedApiHost>
{
    [Fact]
    public async Task Past_its_time_box_a_file_is_rolled_back_whole_with_a_problem_that_says_to_send_smaller_parts()
    {
        var token = await host.TokenAsync(ApiScopes.CasesWrite);
        var bsns = Enumerable.Range(0, 20).Select(_ => TestBsn.Next()).ToList();
        var header = "key;fullName;bsn;dateOfBirth;email;phone;preferredChannel;preferredTime;street;postcode;city;representativeName;representativeRelation;representativeEmail;representativePhone;emotionalTrouble;psychologicalTrouble;financialTrouble;description;noIncome;debtCollectionOrEviction;crisisOrDanger;consent;language";
        var csv = string.Join("\n", [header, .. bsns.Select(b => $"tb-{b};Tijd Vak;{b};1970-01-01;tijd@example.nl;;email;;;;;;;;;true;false;false;Verhaal.;false;false;false;true;nl")]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches/reports") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("kleinere delen", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var hashes = await host.App.WithDbAsync(db => Task.FromResult(bsns.Select(b => db.Cipher.BsnHash(b)).ToList()));
        Assert.Equal(0, await host.App.WithDbAsync(db => db.Reports.CountAsync(r => hashes.Contains(r.BsnHash))));
    }
}
