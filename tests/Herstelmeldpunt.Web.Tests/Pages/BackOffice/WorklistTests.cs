using System.Net;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>The worklists: keyset pages in urgency-then-age order, the case list's filters, names for case-file roles, and saved filters.</summary>
public abstract class WorklistTests<TFactory>
    where TFactory : AppFactory, new()
{
    /// <summary>Cases in screening (the intake worklist), every seventh overdue.</summary>
    private static Task<List<SeededCase>> SeedAsync(AppFactory app, int count) =>
        CaseSeed.AddAsync(app, count, randomSeed: 11, "Werk Persoon", _ => "screening", i => i % 7 == 0);

    private static List<string> References(HtmlPage page) =>
        page.Document.QuerySelectorAll("[data-testid=worklist] tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_intake_worklist_pages_by_position_with_every_case_once_and_shows_names()
    {
        await using var app = new TFactory();
        var seeded = await SeedAsync(app, 120);
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var byReference = seeded.ToDictionary(s => s.Reference);

        var seen = new List<string>();
        string? url = "/backoffice/werkvoorraad";
        var pages = 0;
        while (url is not null && pages++ < 5)
        {
            var page = await intake.Client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(References(page).Count <= 50);
            seen.AddRange(References(page));
            url = page.Document.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
        }

        Assert.Equal(3, pages);
        Assert.Equal(seeded.Select(s => s.Reference).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var keys = seen.Select(r => (Urgency: -(int)byReference[r].Urgency, byReference[r].Received)).ToList();
        Assert.Equal(keys.Order(), keys);
        var first = await intake.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.Contains("Werk Persoon", first.Document.QuerySelector("[data-testid=worklist]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_worklist_and_a_manager_sees_only_the_overdue_cases_when_asked()
    {
        await using var app = new TFactory();
        var seeded = await SeedAsync(app, 40);
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);

        var acute = References(await intake.Client.GetPageAsync("/backoffice/werkvoorraad?urgentie=Acute"));
        Assert.Equal(seeded.Where(s => s.Urgency == UrgencyLevel.Acute).Select(s => s.Reference).Order(StringComparer.Ordinal), acute.Order(StringComparer.Ordinal));

        var overdue = await manager.Client.GetPageAsync("/backoffice/werkvoorraad?verlopen=ja");
        Assert.Equal(seeded.Where(s => s.Overdue).Select(s => s.Reference).Order(StringComparer.Ordinal), References(overdue).Order(StringComparer.Ordinal));
        Assert.Equal(References(overdue).Count, overdue.Document.QuerySelectorAll("[data-testid=overdue]").Length);

        var byName = References(await intake.Client.GetPageAsync("/backoffice/werkvoorraad?zoek=werk%20persoon%20007"));
        Assert.Equal([seeded[7].Reference], byName);
    }

    [Fact]
    public async Task A_member_of_staff_saves_a_filter_for_themselves_and_removes_it()
    {
        await using var app = new TFactory();
        await SeedAsync(app, 5);
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var colleague = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var filtered = await intake.Client.GetPageAsync("/backoffice/werkvoorraad?urgentie=Acute&verlopen=ja&na=1.2.3");

        var unnamed = await intake.Client.PostFormAsync(filtered, "/backoffice/filters?handler=Save", formSelector: "form[action$='handler=Save']");
        var withError = await intake.Client.GetPageAsync(unnamed.Location!.OriginalString);
        Assert.Contains("Geef het filter een naam", string.Join(' ', withError.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.SavedFilters.CountAsync()));

        var saved = await intake.Client.PostFormAsync(filtered, "/backoffice/filters?handler=Save", new Dictionary<string, string?> { ["naam"] = "Acuut en verlopen" }, formSelector: "form[action$='handler=Save']");
        Assert.Equal("/backoffice/werkvoorraad?urgentie=Acute&verlopen=ja", saved.Location!.OriginalString);
        var list = await intake.Client.GetPageAsync("/backoffice/werkvoorraad");
        var link = list.Document.QuerySelector("[data-testid=saved-filters] a")!;
        Assert.Equal("Acuut en verlopen", link.TextContent.Trim());
        Assert.Equal("/backoffice/werkvoorraad?urgentie=Acute&verlopen=ja", link.GetAttribute("href")); // the position is not saved
        Assert.Null((await colleague.Client.GetPageAsync("/backoffice/werkvoorraad")).Document.QuerySelector("[data-testid=saved-filters]"));

        var id = await app.WithDbAsync(db => db.SavedFilters.Select(f => f.Id).SingleAsync());
        var theirs = await colleague.Client.GetPageAsync("/backoffice/werkvoorraad?urgentie=High");
        await colleague.Client.PostFormAsync(theirs, "/backoffice/filters?handler=Delete", new Dictionary<string, string?> { ["id"] = id.ToString(), ["lijst"] = "/backoffice/werkvoorraad" }, formSelector: "form[action$='handler=Save']");
        Assert.Equal(1, await app.WithDbAsync(db => db.SavedFilters.CountAsync())); // not someone else's
        await intake.Client.PostFormAsync(list, "/backoffice/filters?handler=Delete", formSelector: "form[action$='handler=Delete']");
        Assert.Equal(0, await app.WithDbAsync(db => db.SavedFilters.CountAsync()));
    }
}

public sealed class WorklistTestsOnSqlite : WorklistTests<SqliteAppFactory>;

public sealed class WorklistTestsOnPostgres : WorklistTests<PostgresAppFactory>;
