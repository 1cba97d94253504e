using System.Net;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>Free notes on a case: staff only, correctable by the author for a short time, never deleted.</summary>
public abstract class CaseNoteTests(AppFactory app) : CaseTestBase(app)
{
    [Fact]
    public async Task A_note_is_added_corrected_by_its_author_within_the_window_and_never_shown_to_the_reporter()
    {
        var author = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var colleague = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var caseId = await App.FileReportAsync(TestBsn.Next());
        var page = await author.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");

        var empty = await author.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}?handler=Note", D(("NoteText", " ")), formSelector: "form[action$='handler=Note']");
        Assert.Equal(["#NoteText"], empty.ErrorSummaryLinks);
        var added = await author.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}?handler=Note", D(("NoteText", "Melder belde: brief komt per post.")), formSelector: "form[action$='handler=Note']");
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var note = await App.WithDbAsync(db => db.Set<CaseNote>().SingleAsync(n => n.CaseId == caseId));

        var othersView = await colleague.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/notities/{note.Id}");
        Assert.NotNull(othersView.Document.QuerySelector("[data-testid=too-late]")); // not theirs

        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var form = await author.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/notities/{note.Id}");
        var corrected = await author.Client.PostFormAsync(form, $"/backoffice/meldingen/{caseId}/notities/{note.Id}", D(("NoteText", "Melder belde: brief komt per post, uiterlijk vrijdag.")));
        Assert.Equal(HttpStatusCode.Redirect, corrected.Status);

        App.Clock.Advance(TimeSpan.FromMinutes(10)); // 20 minutes after writing
        var late = await author.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/notities/{note.Id}");
        Assert.NotNull(late.Document.QuerySelector("[data-testid=too-late]"));
        await author.Client.PostFormAsync(form, $"/backoffice/meldingen/{caseId}/notities/{note.Id}", D(("NoteText", "Te laat.")));

        var stored = await App.WithDbAsync(db => db.Set<CaseNote>().SingleAsync(n => n.Id == note.Id));
        Assert.Equal("Melder belde: brief komt per post, uiterlijk vrijdag.", stored.Text);
        Assert.NotNull(stored.CorrectedAt);
        Assert.Contains("uiterlijk vrijdag", (await author.Client.GetPageAsync($"/backoffice/meldingen/{caseId}")).Document.QuerySelector("[data-testid=notes]")!.TextContent, StringComparison.Ordinal);

        var reporter = new ReporterSession(App);
        var mine = await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));
        Assert.DoesNotContain("brief komt per post", mine.Html, StringComparison.Ordinal);
    }
}

public sealed class CaseNoteTestsOnSqlite(SqliteAppFactory app) : CaseNoteTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CaseNoteTestsOnPostgres(PostgresAppFactory app) : CaseNoteTests(app), IClassFixture<PostgresAppFactory>;
