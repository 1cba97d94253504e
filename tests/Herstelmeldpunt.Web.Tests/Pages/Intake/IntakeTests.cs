using System.Net;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.Intake;

/// <summary>The public intake form through HTTP, on each database provider (subclasses below).</summary>
public abstract class IntakeTests(AppFactory app)
{
    private readonly IntakeJourney journey = new(app);

    private Task<int> CountReportsAsync() => app.WithDbAsync(db => db.Reports.CountAsync());

    [Fact]
    public async Task Submit_valid_report_shows_reference_and_stores_it_with_time_source_and_urgency()
    {
        var name = "Valid " + Guid.NewGuid();
        var before = await CountReportsAsync();

        var receipt = await journey.FileReportAsync(IntakeJourney.ValidAnswers(name));

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Equal("Uw melding is verstuurd", receipt.H1);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        Assert.True(ReferenceNumber.IsValid(reference), reference);
        Assert.Equal(before + 1, await CountReportsAsync());

        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.NameIndex == db.Cipher.NameIndex(name)));
        Assert.Equal(reference, stored.ReferenceNumber);
        Assert.Equal(AppFactory.DefaultNow.UtcDateTime, stored.ReceivedAt);
        Assert.Equal(DateTimeKind.Utc, stored.ReceivedAt.Kind);
        Assert.Equal(ReportSource.PublicForm, stored.Source);
        Assert.Equal(UrgencyLevel.High, stored.Urgency); // no income
        Assert.Equal("111222333", stored.Bsn);
        Assert.Equal(new DateOnly(1968, 3, 27), stored.DateOfBirth);
        Assert.Equal(ContactChannel.Phone, stored.PreferredChannel);
        Assert.Equal(ContactTime.Morning, stored.PreferredTime);
        Assert.True(stored.EmotionalTrouble && stored.FinancialTrouble && !stored.PsychologicalTrouble);
        Assert.Equal("nl", stored.Language);
        Assert.Equal(stored.ReceivedAt, stored.ConsentGivenAt);
    }

    [Fact]
    public async Task Report_for_someone_else_stores_the_representative_and_their_declaration()
    {
        var name = "Represented " + Guid.NewGuid();
        var answers = IntakeJourney.ValidAnswers(name);
        answers["Form.FilingFor"] = "other";
        answers["Form.RepresentativeName"] = "Piet Jansen";
        answers["Form.RepresentativeRelation"] = "Broer";
        answers["Form.RepresentativeEmail"] = "piet@example.nl";
        answers["Form.RepresentativeAuthorised"] = "true";
        answers["Form.CrisisOrDanger"] = "yes";

        var receipt = await journey.FileReportAsync(answers);

        Assert.Contains("voor iemand anders", receipt.Html, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.NameIndex == db.Cipher.NameIndex(name)));
        Assert.True(stored.FiledByRepresentative);
        Assert.True(stored.RepresentativeDeclaredAuthorised);
        Assert.Equal("Piet Jansen", stored.RepresentativeName);
        Assert.Equal("Broer", stored.RepresentativeRelation);
        Assert.Equal(UrgencyLevel.Acute, stored.Urgency);
    }

    [Fact]
    public async Task Submit_with_invalid_bsn_shows_error_and_stores_nothing()
    {
        var before = await CountReportsAsync();
        var answers = IntakeJourney.ValidAnswers();
        answers["Form.Bsn"] = "123456789";

        var page = await journey.ContinueAsync(answers);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["#Form_Bsn"], page.ErrorSummaryLinks);
        Assert.Equal(["Dit BSN bestaat niet. Controleer of u alle cijfers goed heeft overgenomen."], page.ErrorSummaryTexts);
        var input = page.Document.GetElementById("Form_Bsn")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("Form_Bsn-error", input.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.StartsWith("Fout:", page.Document.Title, StringComparison.Ordinal);
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task Empty_form_lists_every_problem_with_links_to_fields_that_exist()
    {
        var before = await CountReportsAsync();
        var form = await journey.OpenFormAsync();

        var page = await journey.Client.PostFormAsync(form, "/melden?handler=Review");

        Assert.Equal(13, page.ErrorSummaryLinks.Count); // with the address for letters (no email address), without the time to call (no phone number)
        Assert.All(page.ErrorSummaryLinks, href => Assert.NotNull(page.Document.GetElementById(href.TrimStart('#'))));
        Assert.DoesNotContain(page.ErrorSummaryTexts, t => t.StartsWith("Error.", StringComparison.Ordinal));
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task Failed_validation_keeps_what_was_typed()
    {
        var answers = IntakeJourney.ValidAnswers("Keep Me Typed");
        answers["Form.Consent"] = null;
        answers["Form.Description"] = "Regel een\nRegel twee";

        var page = await journey.ContinueAsync(answers);

        Assert.Equal(["#Form_Consent"], page.ErrorSummaryLinks);
        Assert.Equal("Keep Me Typed", page.ValueOf("Form.FullName"));
        Assert.Equal(IntakeJourney.ValidBsn, page.ValueOf("Form.Bsn"));
        Assert.Equal("Regel een\nRegel twee", page.ValueOf("Form.Description"));
        Assert.Equal("Phone", page.ValueOf("Form.PreferredChannel"));
        Assert.Equal("true", page.ValueOf("Form.FinancialTrouble"));
        Assert.Equal("yes", page.ValueOf("Form.NoIncome"));
    }

    [Fact]
    public async Task Change_answers_from_the_check_page_returns_the_filled_form_and_stores_nothing()
    {
        var before = await CountReportsAsync();
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Change Me"));
        Assert.Equal("Controleer uw antwoorden", review.H1);

        var form = await journey.Client.PostFormAsync(review, "/melden?handler=Edit");

        Assert.Equal("Melding doen", form.H1);
        Assert.Equal("Change Me", form.ValueOf("Form.FullName"));
        Assert.Empty(form.ErrorSummaryLinks);
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task Double_submission_stores_one_report_and_both_get_the_same_receipt()
    {
        var name = "Double " + Guid.NewGuid();
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers(name));

        var first = await journey.SendAsync(review);
        var second = await journey.SendAsync(review);

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));
    }

    [Fact]
    public async Task Simultaneous_submissions_of_one_form_store_one_report()
    {
        var name = "Race " + Guid.NewGuid();
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers(name));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => journey.SendAsync(review)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        Assert.Single(results.Select(r => r.Location).Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));
    }

    [Fact]
    public async Task Sending_bad_data_directly_to_send_shows_errors_and_stores_nothing()
    {
        var before = await CountReportsAsync();
        var answers = IntakeJourney.ValidAnswers();
        answers["Form.Bsn"] = "111222334";
        var form = await journey.OpenFormAsync();

        var page = await journey.Client.PostFormAsync(form, "/melden?handler=Submit", answers);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["#Form_Bsn"], page.ErrorSummaryLinks);
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task Oversized_request_is_refused_with_400_and_stores_nothing()
    {
        var before = await CountReportsAsync();
        var answers = IntakeJourney.ValidAnswers();
        answers["Form.Description"] = new string('x', 200_000);
        var form = await journey.OpenFormAsync();

        var page = await journey.Client.PostFormAsync(form, "/melden?handler=Submit", answers);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Dit verzoek kunnen wij niet verwerken", page.H1);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await CountReportsAsync());
    }

    [Theory]
    [InlineData("Form.IdempotencyKey", "not-a-key")]
    [InlineData("Form.Consent", "perhaps")]
    [InlineData("__RequestVerificationToken", "forged")]
    public async Task Malformed_request_is_refused_with_400_and_stores_nothing(string field, string value)
    {
        var before = await CountReportsAsync();
        var answers = IntakeJourney.ValidAnswers();
        answers[field] = value;
        var form = await journey.OpenFormAsync();

        var page = await journey.Client.PostFormAsync(form, "/melden?handler=Submit", answers);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.DoesNotContain(" at Herstelmeldpunt", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task Switching_language_while_filling_in_keeps_the_answers_and_shows_english()
    {
        var form = await journey.OpenFormAsync();
        var answers = new Dictionary<string, string?> { ["Form.FullName"] = "Taal Wissel", ["language"] = "en", ["step"] = "Form" };

        var english = await journey.Client.PostFormAsync(form, "/melden?handler=Language", answers);

        Assert.Equal("Make a report", english.H1);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Taal Wissel", english.ValueOf("Form.FullName"));
        Assert.Empty(english.ErrorSummaryLinks);

        // The choice is remembered, and the report records the language for later letters.
        var name = "English " + Guid.NewGuid();
        var receipt = await journey.FileReportAsync(IntakeJourney.ValidAnswers(name));
        Assert.Equal("Your report has been sent", receipt.H1);
        Assert.Equal("en", await app.WithDbAsync(db => db.Reports.Where(r => r.NameIndex == db.Cipher.NameIndex(name)).Select(r => r.Language).SingleAsync()));
    }

    [Fact]
    public async Task Receipt_for_an_unknown_key_is_not_found()
    {
        var page = await journey.Client.GetPageAsync($"/melden/ontvangen/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Deze pagina bestaat niet", page.H1);
    }

    [Fact]
    public async Task Personal_data_never_reaches_the_logs_and_pages_are_not_cached()
    {
        var name = "Geheim Persoon " + Guid.NewGuid();
        var answers = IntakeJourney.ValidAnswers(name);
        answers["Form.Bsn"] = "123456782";
        answers["Form.Description"] = "Zeer persoonlijke gezondheidsbeschrijving 4711";
        answers["Form.Email"] = "geheim.persoon@example.nl";
        using var response = await journey.Client.GetAsync(new Uri("/melden", UriKind.Relative));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var receipt = await journey.FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();

        var logs = string.Join('\n', app.Logs.Lines);
        Assert.Contains(reference, logs, StringComparison.Ordinal); // the one identifier operations may see
        foreach (var secret in new[] { "123456782", "Geheim Persoon", "gezondheidsbeschrijving", "geheim.persoon@example.nl", "06 12345678" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}

public sealed class IntakeTestsOnSqlite(SqliteAppFactory app) : IntakeTests(app), IClassFixture<SqliteAppFactory>
{
    [Fact]
    public async Task Report_is_in_the_sqlite_file_in_the_data_directory()
    {
        var name = "File " + Guid.NewGuid();
        var receipt = await new IntakeJourney(app).FileReportAsync(IntakeJourney.ValidAnswers(name));
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();

        Assert.True(File.Exists(app.DatabaseFile));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT FullName, Bsn, Description FROM Reports WHERE ReferenceNumber = $reference";
        command.Parameters.AddWithValue("$reference", reference);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        for (var column = 0; column < 3; column++)
        {
            Assert.StartsWith("enc1:", reader.GetString(column), StringComparison.Ordinal); // personal data is stored encrypted
        }

        Assert.DoesNotContain(name, reader.GetString(0), StringComparison.Ordinal);
    }
}

public sealed class IntakeTestsOnPostgres(PostgresAppFactory app) : IntakeTests(app), IClassFixture<PostgresAppFactory>;
