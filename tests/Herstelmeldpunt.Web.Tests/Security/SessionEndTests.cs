using System.Net;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Security;

/// <summary>Sessions that end (issue 27, item 3): a copied cookie stops working when its session is ended, and no session lives for ever.</summary>
public abstract class SessionEndTests(AppFactory app) : CaseTestBase(app)
{
    private static readonly Uri Base = new("https://localhost");

    /// <summary>A browser whose cookies the test can read and copy (a thief's copy of the cookie jar).</summary>
    private sealed class Browser
    {
        private readonly AppFactory app;

        public Browser(AppFactory app, CookieContainer? cookies = null)
        {
            this.app = app;
            Cookies = cookies ?? new CookieContainer();
            Client = app.CreateDefaultClient(Base, new CookieContainerHandler(Cookies));
        }

        public CookieContainer Cookies { get; }

        public HttpClient Client { get; }

        public Browser Copy()
        {
            var copy = new CookieContainer();
            copy.Add(Cookies.GetAllCookies());
            return new Browser(app, copy);
        }
    }

    private async Task<(Guid CaseId, Browser Browser)> SignedInReporterAsync()
    {
        var caseId = await App.FileReportAsync(TestBsn.Next());
        var link = new Uri(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt")).PathAndQuery;
        var cookies = new CookieContainer();
        var browser = new Browser(App, cookies);
        var page = await browser.Client.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.PostFormAsync(page, link)).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetPageAsync("/mijn-melding")).Status);
        return (caseId, browser);
    }

    private static async Task<bool> InAsync(Browser browser) => (await browser.Client.GetPageAsync("/mijn-melding")).Status == HttpStatusCode.OK;

    [Fact]
    public async Task A_copied_reporter_cookie_stops_working_when_the_person_signs_out()
    {
        var (_, browser) = await SignedInReporterAsync();
        var thief = browser.Copy();
        Assert.True(await InAsync(thief)); // the copy works while the session lives

        var page = await browser.Client.GetPageAsync("/mijn-melding");
        await browser.Client.PostFormAsync(page, "/mijn-melding?handler=SignOut", formSelector: "form[action='/mijn-melding?handler=SignOut']");

        Assert.False(await InAsync(thief));
    }

    [Fact]
    public async Task Changing_the_contact_details_ends_every_other_session_of_the_report_but_not_this_one()
    {
        var (caseId, browser) = await SignedInReporterAsync();
        var reference = await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.ReferenceNumber).SingleAsync());
        var email = await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Email).SingleAsync());

        // A second session of the same report, from a link asked for later (someone else who got hold of it).
        var other = new Browser(App);
        var ask = await other.Client.GetPageAsync("/mijn-melding/link-aanvragen");
        await other.Client.PostFormAsync(ask, "/mijn-melding/link-aanvragen", new Dictionary<string, string?> { ["Reference"] = reference, ["EmailAddress"] = email });
        var link = new Uri(await ReporterSession.LinkFromMailAsync(App, caseId, "access_link")).PathAndQuery;
        var page = await other.Client.GetPageAsync(link);
        await other.Client.PostFormAsync(page, link);
        Assert.True(await InAsync(other));

        var form = await browser.Client.GetPageAsync("/mijn-melding/contact");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.PostFormAsync(form, "/mijn-melding/contact", new Dictionary<string, string?> { ["Form.PreferredTime"] = "Afternoon" })).Status);

        Assert.True(await InAsync(browser));
        Assert.False(await InAsync(other));
    }

    [Fact]
    public async Task A_reporter_session_ends_after_four_hours_however_active()
    {
        var (_, browser) = await SignedInReporterAsync();
        for (var minutes = 20; minutes <= 220; minutes += 20)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await InAsync(browser), $"out after {minutes} minutes"); // never idle for 30 minutes
        }

        App.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await InAsync(browser)); // 3 h 55 min
        App.Clock.Advance(TimeSpan.FromMinutes(10)); // 4 h 05 min after signing in, only 10 min after the last page
        Assert.False(await InAsync(browser));
    }

    [Fact]
    public async Task A_staff_session_ends_twelve_hours_after_signing_in_however_active()
    {
        var staff = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        for (var hours = 0; hours < 11; hours++)
        {
            App.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetPageAsync("/backoffice/werkvoorraad")).Status);
        }

        App.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var after = await staff.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/backoffice/inloggen", after.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}

public sealed class SessionEndTestsOnSqlite(SqliteAppFactory app) : SessionEndTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SessionEndTestsOnPostgres(PostgresAppFactory app) : SessionEndTests(app), IClassFixture<PostgresAppFactory>;
