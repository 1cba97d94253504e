using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Operations;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Herstelmeldpunt.Web.Tests.Operations;

/// <summary>
/// The demo a newcomer can open (issue 31 item 4): refused outside Development with a message and nothing changed; in
/// Development a few hundred made-up reports over every state, one account per role whose printed address, password and
/// authenticator secret sign in through the pages, nothing twice on a second run; and the banner on every page.
/// </summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Outside_development_the_demo_is_refused_with_a_message_and_changes_nothing()
    {
        await using var app = new SqliteAppFactory();
        using var output = new StringWriter();
        Assert.Equal(1, await DemoCommand.RunAsync(app.Services, new HostingEnvironment { EnvironmentName = "Production" }, output));
        Assert.Contains("alleen in Development", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Development only", output.ToString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email!.EndsWith("@" + DemoCommand.Domain))));
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.CreatedByUserId == "demo")));
    }

    [Fact]
    public async Task In_development_every_role_signs_in_with_what_was_printed_and_every_state_has_reports_once()
    {
        await using var app = new SqliteAppFactory();
        using var output = new StringWriter();
        Assert.Null(await DemoCommand.RunAsync(app.Services, new HostingEnvironment { EnvironmentName = "Development" }, output));
        Assert.Equal(DemoCommand.Reports, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.CreatedByUserId == "demo")));
        var states = await app.WithDbAsync(db => db.WorkflowInstances.Select(i => i.State).Distinct().ToListAsync());
        var latest = app.Services.GetRequiredService<Workflow.Definitions.WorkflowCatalog>().All.Where(d => d.Id == CaseVocabulary.DefinitionId).MaxBy(d => d.Version)!;
        Assert.All(latest.States, s => Assert.Contains(s.Name, states));

        // A second run adds no reports and sets new passwords, which are the ones that work.
        using var again = new StringWriter();
        Assert.Null(await DemoCommand.RunAsync(app.Services, new HostingEnvironment { EnvironmentName = "Development" }, again));
        Assert.Equal(DemoCommand.Reports, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.CreatedByUserId == "demo")));
        var accounts = again.ToString().Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 5 && p[1].EndsWith("@" + DemoCommand.Domain, StringComparison.Ordinal)).ToList();
        Assert.Equal(StaffRoles.All.Count, accounts.Count);
        foreach (var a in accounts)
        {
            var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == a[1]).Select(u => u.Id).SingleAsync());
            var session = await StaffSession.SignInAsync(app, new StaffAccount(id, a[1], a[2], a[3]));
            Assert.Equal(System.Net.HttpStatusCode.OK, (await session.Client.GetPageAsync("/backoffice")).Status);
        }
    }

    [Fact]
    public async Task In_demo_mode_every_page_says_so_and_otherwise_none_does()
    {
        await using var plain = new SqliteAppFactory();
        Assert.Null((await new ReporterSession(plain).Client.GetPageAsync("/")).Document.QuerySelector("[data-testid=demo-banner]"));
        await using var demo = new SqliteAppFactory();
        demo.Settings["Demo:Enabled"] = "true";
        var client = new ReporterSession(demo).Client;
        foreach (var path in new[] { "/", "/melden", "/voortgang", "/backoffice/inloggen" })
        {
            Assert.Contains("alle gegevens op deze site zijn verzonnen", (await client.GetPageAsync(path)).Document.QuerySelector("[data-testid=demo-banner]")?.TextContent, StringComparison.Ordinal);
        }
    }
}
