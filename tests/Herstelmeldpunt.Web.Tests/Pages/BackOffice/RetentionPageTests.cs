using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>The retention page: a dry run that counts and changes nothing, then the deletion log after the run.</summary>
public sealed class RetentionPageTests
{
    [Fact]
    public async Task The_dry_run_counts_what_the_next_run_anonymises_and_the_deletion_log_shows_it_afterwards()
    {
        await using var app = new SqliteAppFactory();
        app.Settings["Retention:ClosedDays"] = "365";
        var seeded = await CaseSeed.AddAsync(app, 3, randomSeed: 5, "Bewaar", i => i < 2 ? CaseVocabulary.States.Closed : CaseVocabulary.States.Withdrawn);
        app.Clock.Advance(TimeSpan.FromDays(366)); // closed past 365 days; withdrawn keeps its default of 730
        var officer = await StaffSession.SignInAsNewAsync(app, StaffRoles.PrivacyOfficer);

        async Task<Dictionary<string, string>> DueAsync()
        {
            var page = await officer.Client.GetPageAsync("/backoffice/privacy/bewaartermijnen");
            return page.Document.QuerySelectorAll("[data-testid=retention-due] tbody tr")
                .ToDictionary(r => r.GetAttribute("data-state")!, r => r.QuerySelector("[data-testid=due-count]")!.TextContent);
        }

        var before = await DueAsync();
        Assert.Equal(("2", "0"), (before[CaseVocabulary.States.Closed], before[CaseVocabulary.States.Withdrawn]));
        Assert.Equal(before, await DueAsync()); // counting changed nothing

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Audit.Retention>().RunAsync(CancellationToken.None));
        }

        Assert.Equal("0", (await DueAsync())[CaseVocabulary.States.Closed]);
        var log = await officer.Client.GetPageAsync("/backoffice/privacy/bewaartermijnen");
        var rows = log.Document.QuerySelectorAll("[data-testid=deletion-log] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(seeded.Take(2), s => Assert.Contains(rows, r => r.Contains(s.Reference, StringComparison.Ordinal)));
        Assert.DoesNotContain(rows, r => r.Contains(seeded[2].Reference, StringComparison.Ordinal));
    }
}
