using System.Net;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>The case list: keyset pages in urgency-then-age order, filters and search, on seeded data.</summary>
public abstract class CaseListTests<TFactory>
    where TFactory : AppFactory, new()
{
    /// <summary>Cases in screening, every tenth with the committee.</summary>
    private static Task<List<SeededCase>> SeedAsync(AppFactory app, int count) =>
        CaseSeed.AddAsync(app, count, randomSeed: 7, "Persoon", i => i % 10 == 0 ? "with_committee" : "screening");

    [Fact]
    public async Task Pages_follow_each_other_in_urgency_then_age_order_with_every_case_once()
    {
        await using var app = new TFactory();
        var seeded = await SeedAsync(app, 120);
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var byReference = seeded.ToDictionary(s => s.Reference);

        var seen = new List<string>();
        var url = "/backoffice/meldingen";
        for (var pageNumber = 0; pageNumber < 5 && url is not null; pageNumber++)
        {
            var page = await staff.Client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Document.QuerySelectorAll("[data-testid=cases] tbody tr td:first-child a").Select(a => a.TextContent.Trim()));
            url = page.Document.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
        }

        // Every case once, none twice, in urgency-then-age order (ties on time go by id, in the database's own order).
        Assert.Equal(seeded.Count, seen.Count);
        Assert.Equal(seeded.Select(s => s.Reference).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var keys = seen.Select(r => (Urgency: -(int)byReference[r].Urgency, byReference[r].Received)).ToList();
        Assert.Equal(keys.Order(), keys);
    }

    [Fact]
    public async Task Filters_and_search_narrow_the_list_and_a_bsn_search_is_logged_without_the_number()
    {
        await using var app = new TFactory();
        var seeded = await SeedAsync(app, 30);
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        int Rows(HtmlPage page) => page.Document.QuerySelectorAll("[data-testid=cases] tbody tr").Length;

        Assert.Equal(seeded.Count(s => s.Urgency == UrgencyLevel.Acute), Rows(await staff.Client.GetPageAsync("/backoffice/meldingen?urgentie=Acute")));
        Assert.Equal(3, Rows(await staff.Client.GetPageAsync("/backoffice/meldingen?stap=with_committee")));
        var byReference = await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=" + seeded[5].Reference.ToLowerInvariant());
        Assert.Equal(seeded[5].Reference, byReference.Document.QuerySelector("[data-testid=cases] tbody tr td a")!.TextContent.Trim());
        Assert.Equal(1, Rows(await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=persoon%20017")));

        Assert.Equal(30, Rows(await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=111%20222%20333")));
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "case.search-bsn"));
        Assert.DoesNotContain("111222333", audit.Subject + audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_for_a_bsn_or_a_name_never_puts_it_in_an_address_and_still_pages_and_saves()
    {
        await using var app = new TFactory();
        var seeded = await SeedAsync(app, 60); // every one has BSN 111222333
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var list = await staff.Client.GetPageAsync("/backoffice/meldingen");

        var searched = await staff.Client.PostFormAsync(list, "/backoffice/meldingen", new Dictionary<string, string?> { ["zoek"] = "111 222 333" }, formSelector: "form[role=search]");
        Assert.Equal(HttpStatusCode.Redirect, searched.Status);
        var address = searched.Location!.OriginalString;
        Assert.DoesNotContain("111", address.Replace("%20", " ", StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var page = await staff.Client.GetPageAsync(address);
        Assert.Equal(50, page.Document.QuerySelectorAll("[data-testid=cases] tbody tr").Length);
        Assert.Equal("111 222 333", page.Document.QuerySelector("#zoek")!.GetAttribute("value")); // shown in the form, not in the address
        var next = page.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.DoesNotContain("111222333", next, StringComparison.Ordinal);
        Assert.Equal(10, (await staff.Client.GetPageAsync(next)).Document.QuerySelectorAll("[data-testid=cases] tbody tr").Length);

        var byName = await staff.Client.PostFormAsync(list, "/backoffice/meldingen", new Dictionary<string, string?> { ["zoek"] = "Persoon 007" }, formSelector: "form[role=search]");
        Assert.DoesNotContain("Persoon", byName.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([seeded[7].Reference], (await staff.Client.GetPageAsync(byName.Location.OriginalString)).Document.QuerySelectorAll("[data-testid=cases] tbody tr td:first-child a").Select(a => a.TextContent.Trim()));

        var byReference = await staff.Client.PostFormAsync(list, "/backoffice/meldingen", new Dictionary<string, string?> { ["zoek"] = seeded[3].Reference }, formSelector: "form[role=search]");
        Assert.Contains(seeded[3].Reference, byReference.Location!.OriginalString, StringComparison.Ordinal); // not personal data: stays readable

        var forged = await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=~nietsleesbaars");
        Assert.Equal(HttpStatusCode.OK, forged.Status);
    }

    [Fact]
    public async Task A_bsn_that_also_reads_as_a_reference_number_is_searched_as_a_bsn()
    {
        await using var app = new TFactory();
        // One in about thirty BSNs also passes as a reference number written without "HM": find one.
        var bsn = Enumerable.Range(100_000_000, 100_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => Bsn.IsValid(n) && ReferenceNumber.IsValid(n));
        var seeded = await SeedAsync(app, 3);
        await app.WithDbAsync(db => db.Reports.Where(r => r.Id == seeded[0].Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Bsn, bsn).SetProperty(r => r.BsnHash, db.Cipher.BsnHash(bsn))));
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);

        var found = await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=" + bsn);

        Assert.Equal([seeded[0].Reference], found.Document.QuerySelectorAll("[data-testid=cases] tbody tr td:first-child a").Select(a => a.TextContent.Trim()));
    }
}

public sealed class CaseListTestsOnSqlite : CaseListTests<SqliteAppFactory>;

public sealed class CaseListTestsOnPostgres : CaseListTests<PostgresAppFactory>;
