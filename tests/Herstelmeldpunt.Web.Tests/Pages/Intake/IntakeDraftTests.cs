using System.Net;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Pages.Intake;

/// <summary>"Save and continue later" on the public form over HTTP: only when asked, encrypted, one valid link, removed when sent or expired.</summary>
public abstract partial class IntakeDraftTests(AppFactory app) : CaseTestBase(app)
{
    /// <summary>The link in the newest draft mail to this address (read before the mail is sent and blanked).</summary>
    internal static async Task<string> DraftLinkAsync(AppFactory app, string email)
    {
        var mails = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == IntakeDrafts.Template).OrderByDescending(m => m.CreatedAt).ToListAsync());
        var body = mails.First(m => m.ToAddress == email).TextBody; // the address is encrypted: compared after reading
        return DraftLink().Match(body).Value is { Length: > 0 } link ? new Uri(link).PathAndQuery : throw new InvalidOperationException("No link in the draft mail.");
    }

    [GeneratedRegex(@"https?://\S+/melden\?concept=[A-Za-z0-9_-]+")]
    private static partial Regex DraftLink();

    private static Dictionary<string, string?> Partial(string name, string email) => new()
    {
        ["Form.FilingFor"] = "self",
        ["Form.FullName"] = name,
        ["Form.Bsn"] = IntakeJourney.ValidBsn,
        ["Form.Email"] = email,
        ["Form.Description"] = "Half af: ik schrijf dit later verder.",
    };

    private Task<int> DraftsAsync() => App.WithDbAsync(db => db.Set<IntakeDraft>().CountAsync());

    [Fact]
    public async Task Nothing_is_kept_unless_the_person_asks_and_saving_needs_an_email_address()
    {
        var before = await DraftsAsync();
        var journey = new IntakeJourney(App);
        var review = await journey.ContinueAsync(Partial("Niet Bewaren", "niet.bewaren@example.nl"));
        Assert.Equal(before, await DraftsAsync()); // "Continue" with errors keeps nothing

        var form = await journey.OpenFormAsync();
        var noEmail = await journey.Client.PostFormAsync(form, "/melden?handler=Save", Partial("Geen Adres", ""));
        Assert.Equal(HttpStatusCode.OK, noEmail.Status);
        Assert.Equal(["#Form_Email"], noEmail.ErrorSummaryLinks);
        Assert.Equal("Geen Adres", noEmail.ValueOf("Form.FullName")); // nothing typed is lost
        Assert.Equal(before, await DraftsAsync());
        Assert.NotNull(review);
    }

    [Fact]
    public async Task Saving_keeps_the_answers_encrypted_mails_one_link_and_says_until_when()
    {
        var journey = new IntakeJourney(App);
        var form = await journey.OpenFormAsync();
        var saved = await journey.Client.PostFormAsync(form, "/melden?handler=Save", Partial("Bewaarde Persoon", "bewaar@example.nl"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.DoesNotContain("bewaar", saved.Location!.OriginalString, StringComparison.Ordinal);
        var page = await journey.Client.GetPageAsync(saved.Location.OriginalString);
        Assert.Equal("maandag 30 november 2026 om 10:30 uur", page.Document.QuerySelector("[data-testid=draft-until]")!.TextContent); // 7 days from 23 Nov 09:30 UTC, Amsterdam time
        Assert.Equal("b…@example.nl", page.Document.QuerySelector("[data-testid=draft-email]")!.TextContent);

        // Stored encrypted: neither the name, the BSN nor the address readable in the table.
        var raw = await App.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Answers\" || \"Email\" FROM \"IntakeDrafts\"";
            var all = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                all.Add(reader.GetString(0));
            }

            return string.Join('\n', all);
        });
        Assert.DoesNotContain("Bewaarde Persoon", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(IntakeJourney.ValidBsn, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("bewaar@example.nl", raw, StringComparison.Ordinal);

        var mail = (await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == IntakeDrafts.Template).ToListAsync())).Single(m => m.ToAddress == "bewaar@example.nl");
        Assert.Contains("maandag 30 november 2026 om 10:30 uur", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(IntakeJourney.ValidBsn, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Half af", mail.TextBody, StringComparison.Ordinal);
        Assert.Null(mail.CaseId);

        var resumed = await new IntakeJourney(App).Client.GetPageAsync(await DraftLinkAsync(App, "bewaar@example.nl"));
        Assert.Equal("Bewaarde Persoon", resumed.ValueOf("Form.FullName"));
        Assert.Equal("Half af: ik schrijf dit later verder.", resumed.Document.QuerySelector("#Form_Description")!.TextContent);
        Assert.NotNull(resumed.Document.QuerySelector("[data-testid=draft-resumed]"));
    }

    [Fact]
    public async Task A_double_click_on_save_keeps_one_draft_and_sends_one_mail_and_sending_the_form_removes_it()
    {
        var journey = new IntakeJourney(App);
        var form = await journey.OpenFormAsync();
        var answers = Partial("Dubbel Klik", "dubbel@example.nl");
        var first = await journey.Client.PostFormAsync(form, "/melden?handler=Save", answers);
        var second = await journey.Client.PostFormAsync(form, "/melden?handler=Save", answers);
        Assert.Equal(first.Location, second.Location); // the same draft
        var mails = (await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == IntakeDrafts.Template).ToListAsync())).Count(m => m.ToAddress == "dubbel@example.nl");
        Assert.Equal(1, mails);
        var link = await DraftLinkAsync(App, "dubbel@example.nl");
        Assert.NotNull((await new IntakeJourney(App).Client.GetPageAsync(link)).Document.QuerySelector("[data-testid=draft-resumed]")); // the one link still works

        // Sent from the same page, without ever opening the link: the draft goes too.
        var full = IntakeJourney.ValidAnswers("Dubbel Klik");
        full["Form.Email"] = "dubbel@example.nl";
        var review = await journey.Client.PostFormAsync(form, "/melden?handler=Review", full);
        await journey.SendAsync(review);
        Assert.Equal(0, (await App.WithDbAsync(db => db.Set<IntakeDraft>().ToListAsync())).Count(d => d.Email == "dubbel@example.nl"));
    }

    [Fact]
    public async Task A_draft_whose_form_was_sent_by_a_browser_that_no_longer_knew_it_goes_with_the_next_cleanup()
    {
        // One browser saves two forms: it remembers only the last (a cookie with the form's key), then sends the first
        // from its page (the back button), so the send does not look for a draft; the hourly job removes it.
        var journey = new IntakeJourney(App);
        var first = await journey.OpenFormAsync();
        await journey.Client.PostFormAsync(first, "/melden?handler=Save", Partial("Eerste Formulier", "eerste@example.nl"));
        await journey.Client.PostFormAsync(await journey.OpenFormAsync(), "/melden?handler=Save", Partial("Tweede Formulier", "tweede@example.nl"));
        var full = IntakeJourney.ValidAnswers("Eerste Formulier");
        full["Form.Email"] = "eerste@example.nl";
        await journey.SendAsync(await journey.Client.PostFormAsync(first, "/melden?handler=Review", full));
        Assert.Equal(["eerste@example.nl", "tweede@example.nl"], await DraftAddressesAsync("eerste@example.nl", "tweede@example.nl"));

        Assert.True(await CleanupAsync() >= 1);
        Assert.Equal(["tweede@example.nl"], await DraftAddressesAsync("eerste@example.nl", "tweede@example.nl")); // not sent, not expired: kept
    }

    private async Task<List<string>> DraftAddressesAsync(params string[] addresses) =>
        [.. (await App.WithDbAsync(db => db.Set<IntakeDraft>().ToListAsync())).Select(d => d.Email).Where(addresses.Contains).Order(StringComparer.Ordinal)]; // encrypted: compared after reading

    [Fact]
    public async Task The_cleanup_job_removes_drafts_only_after_their_expiry_and_the_link_stops_at_the_expiry()
    {
        var journey = new IntakeJourney(App);
        await journey.Client.PostFormAsync(await journey.OpenFormAsync(), "/melden?handler=Save", Partial("Verloopt Straks", "verloopt@example.nl"));
        var link = await DraftLinkAsync(App, "verloopt@example.nl");
        var count = await DraftsAsync();

        App.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.NotNull((await new IntakeJourney(App).Client.GetPageAsync(link)).Document.QuerySelector("[data-testid=draft-resumed]"));
        Assert.Equal(0, await CleanupAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await new IntakeJourney(App).Client.GetPageAsync(link);
        Assert.NotNull(expired.Document.QuerySelector("[data-testid=draft-unusable]"));
        Assert.Null(expired.ValueOf("Form.FullName") is { Length: > 0 } ? expired.ValueOf("Form.FullName") : null);
        Assert.True(await CleanupAsync() >= 1);
        Assert.True(await DraftsAsync() < count);
    }

    private async Task<int> CleanupAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeDraftCleanup>().RunAsync(CancellationToken.None);
    }
}

public sealed class IntakeDraftTestsOnSqlite(SqliteAppFactory app) : IntakeDraftTests(app), IClassFixture<SqliteAppFactory>;

public sealed class IntakeDraftTestsOnPostgres(PostgresAppFactory app) : IntakeDraftTests(app), IClassFixture<PostgresAppFactory>;
