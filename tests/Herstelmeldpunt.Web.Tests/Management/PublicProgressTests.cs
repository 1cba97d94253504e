using System.Globalization;
using System.Text.Json;
using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Management;

/// <summary>
/// The public progress page and its open data (issue 30 item 4): on a seeded history of 400 reports with decisions,
/// calls and promises, every figure equals the dashboard's for the same period and a direct count; counts from 1 to 9
/// read "fewer than 10"; the JSON parses back against its published schema and the CSV says the same; the page is cached.
/// </summary>
public abstract class PublicProgressTests<TFactory> : IAsyncLifetime
    where TFactory : AppFactory, new()
{
    private static readonly CultureInfo Dutch = new("nl-NL");

    private readonly TFactory app = new();

    public async Task InitializeAsync()
    {
        var members = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            members.Add((await StaffSession.CreateAccountAsync(app, [StaffRoles.CommitteeMember])).Id);
        }

        var now = AppFactory.DefaultNow.UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            await DashboardSeed.SeedAsync(db, now, 400, members);
            // Decisions: every case past the decision (closed, follow-up) was decided when it entered that state; a fifth of them too late.
            var cases = await (from i in db.WorkflowInstances join r in db.Reports on i.Id equals r.Id select new { i.Id, i.State, i.StateEnteredAt, r.ReceivedAt }).ToListAsync();
            var random = new Random(17);
            foreach (var c in cases)
            {
                var receivedOn = AmsterdamTime.DateOf(c.ReceivedAt);
                var decided = c.State is "closed" or "follow_up_call";
                var decidedOn = AmsterdamTime.DateOf(c.StateEnteredAt);
                db.Set<CaseDeadline>().Add(new CaseDeadline
                {
                    CaseId = c.Id,
                    ReceivedOn = receivedOn,
                    TermWorkingDays = 40,
                    DueOn = decided && random.Next(5) == 0 ? decidedOn.AddDays(-3) : receivedOn.AddDays(56),
                    DecidedOn = decided ? decidedOn : null,
                });
                if (random.Next(4) == 0)
                {
                    var due = AmsterdamTime.DateOf(now).AddDays(-random.Next(0, 80));
                    db.Promises.Add(new Promise
                    {
                        Id = Guid.NewGuid(),
                        CaseId = c.Id,
                        Kind = (PromiseKind)random.Next(1, 8),
                        Due = due,
                        Template = "seed",
                        OwnerRole = StaffRoles.CustomerContact,
                        State = (PromiseState)random.Next(0, 4),
                        CreatedAt = now.AddDays(-90),
                    });
                }
            }

            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<DashboardFigures> DashboardAsync(DateOnly from, DateOnly to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Dashboard>().FiguresAsync(new Period(from, to), CancellationToken.None);
    }

    private static string Shown(int count) => count is > 0 and < 10 ? "minder dan 10" : count.ToString("N0", Dutch);

    private static string ShownDays(double? days, int basis) => basis < 10 || days is null ? "te weinig om te tonen" : $"{days.Value.ToString("N0", Dutch)} dagen";

    private static string ShownShare(int part, int basis) => basis < 10 ? "te weinig om te tonen" : ((double)part / basis * 100).ToString("N0", Dutch) + "%";

    [Fact]
    public async Task Every_public_figure_is_the_dashboards_for_its_week_and_period_with_small_numbers_hidden()
    {
        var page = await new ReporterSession(app).Client.GetPageAsync("/voortgang");
        var rows = page.Document.QuerySelectorAll("[data-testid=weeks] tbody tr").ToList();
        Assert.Equal(26, rows.Count);
        var smallShown = 0;
        foreach (var row in rows)
        {
            var week = DateOnly.ParseExact(row.GetAttribute("data-key")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var dashboard = await DashboardAsync(week, week.AddDays(6));
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            var term = dashboard.DecisionTerm;
            Assert.Equal([Shown(dashboard.Received), Shown(term.Decided), ShownShare(term.WithinTerm, term.Decided), ShownDays(term.MedianLeadDays, term.Decided)], cells[1..]);
            smallShown += cells.Count(c => c == "minder dan 10");
        }

        Assert.True(smallShown > 0, "the seed has weeks with 1 to 9 decisions: the rule is exercised");

        // The headline period (13 weeks up to today) against the dashboard for that period and a direct count.
        var today = AmsterdamTime.DateOf(AppFactory.DefaultNow.UtcDateTime);
        var from = today.AddDays(-7 * 13 + 1);
        var period = await DashboardAsync(from, today);
        string Key(string key) => page.Document.QuerySelector($"[data-key={key}]")!.TextContent.Trim();
        Assert.Equal(Shown(period.DecisionTerm.Decided), Key("decided"));
        Assert.Equal(ShownDays(period.DecisionTerm.MedianLeadDays, period.DecisionTerm.Decided), Key("median"));
        Assert.Equal(ShownShare(period.DecisionTerm.WithinTerm, period.DecisionTerm.Decided), Key("within-term"));
        var answers = period.Satisfaction.Scores.Sum(s => s.Value);
        Assert.Equal(answers < 10 ? "te weinig om te tonen" : $"{period.Satisfaction.AverageScore!.Value.ToString("N1", Dutch)} van 5 ({Shown(answers)} antwoorden)", Key("satisfaction"));
        var (kept, settled) = await app.WithDbAsync(async db => (
            await db.Promises.CountAsync(p => p.Due >= from && p.Due <= today && p.State == PromiseState.Kept),
            await db.Promises.CountAsync(p => p.Due >= from && p.Due <= today && (p.State == PromiseState.Kept || p.State == PromiseState.Late))));
        Assert.Equal(ShownShare(kept, settled), Key("promises"));
        Assert.Equal(Shown(await app.WithDbAsync(db => db.Reports.CountAsync())), Key("received-total"));
        Assert.Equal(Shown(await app.WithDbAsync(db => db.Set<CaseDeadline>().CountAsync(d => d.DecidedOn != null))), Key("decided-total"));
        var final = app.Services.GetRequiredService<Workflow.Definitions.WorkflowCatalog>().FinalStates;
        var yearAgo = AppFactory.DefaultNow.UtcDateTime.AddYears(-1);
        Assert.Equal(Shown(await app.WithDbAsync(db => (from r in db.Reports join i in db.WorkflowInstances on r.Id equals i.Id where !final.Contains(i.State) && r.ReceivedAt < yearAgo select r).CountAsync())), Key("open-1y"));
    }

    [Fact]
    public async Task The_open_data_parse_back_against_the_published_schema_and_say_what_the_page_says()
    {
        var client = new ReporterSession(app).Client;
        using var json = await client.GetAsync(new Uri(PublicOpenData.JsonPath, UriKind.Relative));
        Assert.Equal("public, max-age=300", json.Headers.CacheControl?.ToString());
        var text = await json.Content.ReadAsStringAsync();
        var schema = JsonSchema.FromText(await client.GetStringAsync(new Uri(PublicOpenData.SchemaPath, UriKind.Relative)), new BuildOptions { SchemaRegistry = new SchemaRegistry() }); // a registry of its own: both database classes load the same $id
        using var document = JsonDocument.Parse(text);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));

        // A broken file does not pass the same schema: the check can fail.
        using var broken = JsonDocument.Parse(text.Replace("\"weeks\"", "\"wekes\"", StringComparison.Ordinal));
        Assert.False(schema.Evaluate(broken.RootElement).IsValid);

        var weeks = document.RootElement.GetProperty("weeks").EnumerateArray().ToList();
        var csv = (await client.GetStringAsync(new Uri(PublicOpenData.CsvPath, UriKind.Relative))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', PublicOpenData.CsvColumns), csv[0]);
        Assert.Equal(weeks.Count, csv.Length - 1);
        for (var i = 0; i < weeks.Count; i++)
        {
            var cells = csv[i + 1].Split(',');
            Assert.Equal(weeks[i].GetProperty("week_start").GetString(), cells[0]);
            Assert.Equal(weeks[i].GetProperty("received").ToString(), cells[1]);
            Assert.Equal(weeks[i].GetProperty("decided").ToString(), cells[2]);
            var week = DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var dashboard = await DashboardAsync(week, week.AddDays(6));
            Assert.Equal(dashboard.Received is > 0 and < 10 ? PublicNumber.Suppressed : dashboard.Received.ToString(CultureInfo.InvariantCulture), cells[1]);
        }

        Assert.Contains(weeks, w => w.GetProperty("decided").ValueKind == JsonValueKind.String && w.GetProperty("decided").GetString() == PublicNumber.Suppressed);
    }

    [Fact]
    public async Task The_page_is_served_from_the_kept_figures_and_after_ten_minutes_without_the_job_they_are_computed_behind_it()
    {
        app.Clock.AdjustTime(AppFactory.DefaultNow);
        var client = new ReporterSession(app).Client;
        string Total(HtmlPage page) => page.Document.QuerySelector("[data-key=received-total]")!.TextContent.Trim();
        var first = Total(await client.GetPageAsync("/voortgang"));
        await app.FileReportAsync(TestBsn.Next());
        Assert.Equal(first, Total(await client.GetPageAsync("/voortgang")));
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(first, Total(await client.GetPageAsync("/voortgang"))); // the visitor does not wait for the new figures
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var next = first;
        while (next == first && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
            next = Total(await client.GetPageAsync("/voortgang"));
        }

        Assert.NotEqual(first, next);
        using (await client.GetAsync(new Uri("/taal/en?terug=/voortgang", UriKind.Relative)))
        {
        }

        var english = await client.GetPageAsync("/voortgang");
        Assert.Equal("How are the reports progressing?", english.H1);
    }
}

public sealed class PublicProgressTestsOnSqlite : PublicProgressTests<SqliteAppFactory>;

public sealed class PublicProgressTestsOnPostgres : PublicProgressTests<PostgresAppFactory>;
