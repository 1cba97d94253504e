using System.Net;
using System.Text;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.MyReport;

/// <summary>Documents from the reporter and from staff: decided by content, scanned by a real clamd, stored outside the web root, downloaded only by who may.</summary>
public abstract class DocumentTests<TFactory>
    where TFactory : AppFactory, new()
{
    private const string UploadForm = "form[action='/mijn-melding?handler=Upload']";

    private static byte[] Pdf(string text = "Brief van de herbeoordeling") =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static async Task<(Guid CaseId, ReporterSession Reporter, HtmlPage Page)> ReporterOnMyReportAsync(AppFactory app, string name = "Document Melder")
    {
        var answers = IntakeJourney.ValidAnswers(name);
        answers["Form.Email"] = $"{Guid.NewGuid():N}@example.nl";
        var receipt = await new IntakeJourney(app).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await app.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        var reporter = new ReporterSession(app);
        var page = await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(app, caseId, "receipt"));
        return (caseId, reporter, page);
    }

    private static int FilesOnDisk(AppFactory app)
    {
        var folder = Path.Combine(app.DataDirectory, "documents");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count() : 0;
    }

    [Fact]
    public async Task A_reporter_sends_a_pdf_that_staff_see_and_only_that_report_and_its_staff_can_download()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var (caseId, reporter, page) = await ReporterOnMyReportAsync(app);
        var pdf = Pdf();

        var sent = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("C:\\Users\\jan\\brief herbeoordeling.PDF", pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);

        var document = await app.WithDbAsync(db => db.CaseDocuments.SingleAsync(d => d.CaseId == caseId));
        Assert.Equal(("brief herbeoordeling.pdf", "application/pdf", "Reporter", (long)pdf.Length), (document.FileName, document.ContentType, document.UploadedBy, document.Size));
        Assert.Equal(1, FilesOnDisk(app));
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "documents", "brief herbeoordeling.pdf"))); // stored under its id, not its name

        using (var own = await reporter.Client.GetAsync(new Uri($"/mijn-melding/documenten/{document.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("application/pdf", own.Content.Headers.ContentType!.MediaType);
            Assert.Equal(pdf, await own.Content.ReadAsByteArrayAsync());
        }

        var (otherCase, other, _) = await ReporterOnMyReportAsync(app, "Andere Melder");
        using (var foreign = await other.Client.GetAsync(new Uri($"/mijn-melding/documenten/{document.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var casePage = await staff.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        Assert.Contains("brief herbeoordeling.pdf", casePage.Document.QuerySelector("[data-testid=documents]")!.TextContent, StringComparison.Ordinal);
        using (var staffDownload = await staff.Client.GetAsync(new Uri($"/backoffice/meldingen/{caseId}/documenten/{document.Id}", UriKind.Relative)))
        {
            Assert.Equal(pdf, await staffDownload.Content.ReadAsByteArrayAsync());
        }

        using (var wrongCase = await staff.Client.GetAsync(new Uri($"/backoffice/meldingen/{otherCase}/documenten/{document.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
        }

        var administrator = await StaffSession.SignInAsNewAsync(app, StaffRoles.Administrator); // no case files
        using var denied = await administrator.Client.GetAsync(new Uri($"/backoffice/meldingen/{caseId}/documenten/{document.Id}", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task After_withdrawing_the_person_gets_a_confirmation_and_documents_are_refused_with_a_reason_not_thanked_for()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var (caseId, reporter, page) = await ReporterOnMyReportAsync(app);
        var confirm = await reporter.Client.GetPageAsync("/mijn-melding/intrekken");
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.Client.PostFormAsync(confirm, "/mijn-melding/intrekken")).Status);

        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "withdrawn"));
        Assert.Contains("U heeft uw melding ingetrokken", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Wij bewaren uw gegevens nog 2 jaar", mail.TextBody, StringComparison.Ordinal);
        var after = await reporter.Client.GetPageAsync("/mijn-melding");
        Assert.Null(after.Document.QuerySelector("form[action='/mijn-melding?handler=Upload']"));
        Assert.NotNull(after.Document.QuerySelector("[data-testid=no-uploads-withdrawn]"));

        var refused = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("brief.pdf", Pdf())]);

        Assert.Contains("U heeft uw melding ingetrokken", refused.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == caseId)));
        Assert.Equal(0, FilesOnDisk(app));
    }

    [Fact]
    public async Task The_public_form_sends_evidence_with_the_report_and_a_refused_file_stores_nothing()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var journey = new IntakeJourney(app);
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Bewijs Melder"));
        Assert.NotNull(review.Document.QuerySelector("input[type=file][name=Files]"));
        var key = Guid.Parse(review.ValueOf("Form.IdempotencyKey")!);
        var infected = Encoding.ASCII.GetBytes("%PDF-1.4\n% " + ClamdSink.Eicar + "\n%%EOF\n");

        var withVirus = await journey.Client.PostFilesAsync(review, "/melden?handler=Submit", "form#intake", [("brief.pdf", Pdf()), ("bijlage.pdf", infected)]);
        var renamed = await journey.Client.PostFilesAsync(review, "/melden?handler=Submit", "form#intake", [("brief.pdf", Encoding.ASCII.GetBytes("MZ" + new string('\0', 200)))]);

        Assert.Contains("In het bestand ‘bijlage.pdf’ zit een virus", withVirus.ErrorSummaryTexts.Single(), StringComparison.Ordinal); // of two, the one at fault
        Assert.Equal("Controleer uw antwoorden", withVirus.H1); // still on the check page, the answers kept
        Assert.Contains("Wij kunnen het bestand ‘brief.pdf’ niet openen", renamed.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.IdempotencyKey == key)));
        Assert.Equal(0, FilesOnDisk(app));

        var sent = await journey.Client.PostFilesAsync(withVirus, "/melden?handler=Submit", "form#intake", [("C:\\scans\\besluit UWV.pdf", Pdf())]);

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var reportId = await app.WithDbAsync(db => db.Reports.Where(r => r.IdempotencyKey == key).Select(r => r.Id).SingleAsync());
        var document = await app.WithDbAsync(db => db.CaseDocuments.SingleAsync(d => d.CaseId == reportId));
        Assert.Equal(("besluit UWV.pdf", "Reporter", "application/pdf"), (document.FileName, document.UploadedBy, document.ContentType));
        Assert.Equal(1, FilesOnDisk(app));
        var again = await journey.Client.PostFilesAsync(withVirus, "/melden?handler=Submit", "form#intake", [("besluit.pdf", Pdf())]);
        Assert.Equal(HttpStatusCode.Redirect, again.Status); // the same report again: its receipt, no second copy
        Assert.Equal(1, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == reportId)));
    }

    [Fact]
    public async Task Past_a_clients_bytes_for_the_hour_documents_wait_with_a_message_and_go_through_the_next_hour()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        app.Settings["Documents:UploadBytesPerClientPerHour"] = (Pdf().Length * 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (caseId, reporter, page) = await ReporterOnMyReportAsync(app);

        Assert.Equal(HttpStatusCode.Redirect, (await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("een.pdf", Pdf()), ("twee.pdf", Pdf())])).Status);
        var refused = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("drie.pdf", Pdf()), ("vier.pdf", Pdf())]);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("afgelopen uur al veel documenten", refused.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == caseId)));
        Assert.Equal(2, FilesOnDisk(app));

        // The next clock hour (the page opened on the way keeps the 30-minute session alive).
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await reporter.Client.GetPageAsync("/mijn-melding");
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        page = await reporter.Client.GetPageAsync("/mijn-melding");
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("drie.pdf", Pdf()), ("vier.pdf", Pdf())])).Status);
        Assert.Equal(4, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == caseId)));
    }

    [Fact]
    public async Task When_the_node_takes_no_more_uploads_the_public_form_keeps_the_answers_and_stores_nothing()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        app.Settings["Documents:UploadsInFlight"] = "0"; // every place taken
        var journey = new IntakeJourney(app);
        var review = await journey.ContinueAsync(IntakeJourney.ValidAnswers("Drukke Uploader"));

        var busy = await journey.Client.PostFilesAsync(review, "/melden?handler=Submit", "form#intake", [("brief.pdf", Pdf())]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.Status);
        Assert.Equal("Controleer uw antwoorden", busy.H1);
        Assert.Contains("veel documenten tegelijk", busy.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Equal("Drukke Uploader", busy.ValueOf("Form.FullName"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync()));
        Assert.Equal(0, FilesOnDisk(app));
        Assert.Equal(HttpStatusCode.Redirect, (await journey.SendAsync(busy)).Status); // without documents it goes through
    }

    [Fact]
    public async Task A_file_with_a_virus_is_refused_with_a_clear_message_and_no_byte_of_it_stays_on_disk()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var (caseId, reporter, page) = await ReporterOnMyReportAsync(app);
        var infected = Encoding.ASCII.GetBytes("%PDF-1.4\n% " + ClamdSink.Eicar + "\n%%EOF\n");

        var refused = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("schoon.pdf", Pdf()), ("bijlage.pdf", infected)]);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("In het bestand ‘bijlage.pdf’ zit een virus", refused.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Equal(0, FilesOnDisk(app)); // all or nothing: the clean one is not kept either
        Assert.False(await app.WithDbAsync(db => db.CaseDocuments.AnyAsync(d => d.CaseId == caseId)));
    }

    [Theory]
    [InlineData("brief.pdf", "MZ")] // a program renamed to look like a letter
    [InlineData("foto.jpg", "GIF89a")]
    [InlineData("kapot.pdf", "%PDF-1.4 zonder einde")]
    public async Task A_file_is_judged_by_its_content_not_its_name(string name, string start)
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var (_, reporter, page) = await ReporterOnMyReportAsync(app);
        var content = Encoding.ASCII.GetBytes(start + new string('\0', 200));

        var refused = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [(name, content)]);

        Assert.Contains($"Wij kunnen het bestand ‘{name}’ niet openen", refused.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Equal(0, FilesOnDisk(app));
    }

    [Fact]
    public async Task When_the_scanner_is_down_uploads_are_refused_and_readiness_says_so()
    {
        int deadPort;
        using (var gone = new ClamdSink())
        {
            deadPort = gone.Port;
        }

        await using var app = new TFactory { ClamAvPort = deadPort };
        var (_, reporter, page) = await ReporterOnMyReportAsync(app);

        var refused = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("brief.pdf", Pdf())]);

        Assert.Contains("op dit moment niet controleren op virussen", refused.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Equal(0, FilesOnDisk(app));
        using var client = app.CreateClient();
        Assert.Equal("Degraded", await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));
    }

    [Fact]
    public async Task Too_large_and_too_many_files_are_refused_before_anything_is_scanned()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var (_, reporter, page) = await ReporterOnMyReportAsync(app);
        var large = new byte[(10 * 1024 * 1024) + 1];
        Pdf().CopyTo(large, 0);

        var tooLarge = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [("groot.pdf", large)]);
        var tooMany = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Upload", UploadForm, [.. Enumerable.Range(0, 11).Select(i => ($"brief{i}.pdf", Pdf()))]);

        Assert.Contains("Het bestand ‘groot.pdf’ is groter dan 10 MB", tooLarge.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Contains("ten hoogste 10 bestanden", tooMany.ErrorSummaryTexts.Single(), StringComparison.Ordinal);
        Assert.Equal(0, FilesOnDisk(app));
    }

    [Fact]
    public async Task The_reporter_answers_a_question_with_a_pdf_and_staff_see_both()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var (caseId, reporter, _) = await ReporterOnMyReportAsync(app);
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        Assert.True((await intake.TakeAsync(caseId, "request_information", new Dictionary<string, string?> { ["question"] = "Wilt u de brief sturen?", ["answer_by"] = "2026-12-07" })).WasApplied());
        var page = await reporter.Client.GetPageAsync("/mijn-melding");

        var sent = await reporter.Client.PostFilesAsync(page, "/mijn-melding?handler=Answer", "form[action='/mijn-melding?handler=Answer']", [("brief.pdf", Pdf())], new Dictionary<string, string?> { ["Answer"] = "Hierbij de brief." });

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal("screening", await app.StateAsync(caseId));
        var casePage = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        Assert.Contains("Hierbij de brief.", casePage.Document.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("brief.pdf", casePage.Document.QuerySelector("[data-testid=documents]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_view_on_the_proposal_carries_scanned_documents_and_an_infected_file_keeps_the_view_from_being_sent()
    {
        using var clamd = new ClamdSink();
        await using var app = new TFactory { ClamAvPort = clamd.Port };
        var desk = await DecisionDesk.SignInAsync(app);
        var bsn = TestBsn.Next();
        await app.AddToRegisterAsync(bsn);
        var caseId = await app.FileReportAsync(bsn);
        await desk.ProposeAsync(caseId, new Dictionary<string, string?> { ["adopts_advice"] = "yes" });
        var reporter = new ReporterSession(app);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(app, caseId, "decision_proposed"));
        const string ViewForm = "form[data-testid=view-form]";
        var proposal = await reporter.Client.GetPageAsync("/mijn-melding/voorstel");

        var infected = Encoding.ASCII.GetBytes("%PDF-1.4\n% " + ClamdSink.Eicar + "\n%%EOF\n");
        var refused = await reporter.Client.PostFilesAsync(proposal, "/mijn-melding/voorstel?handler=View", ViewForm, [("besmet.pdf", infected)], new Dictionary<string, string?> { ["Point1"] = "Zie de brief." });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(["#ViewFiles"], refused.ErrorSummaryLinks);
        Assert.Equal("decision_proposed", await app.StateAsync(caseId));
        Assert.Equal(0, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == caseId)));

        var sent = await reporter.Client.PostFilesAsync(proposal, "/mijn-melding/voorstel?handler=View", ViewForm, [("brief huisarts.pdf", Pdf("Brief van de huisarts"))], new Dictionary<string, string?> { ["Point1"] = "Zie de brief van mijn huisarts." });
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal("view_received", await app.StateAsync(caseId));
        Assert.Equal("brief huisarts.pdf", await app.WithDbAsync(db => db.CaseDocuments.Where(d => d.CaseId == caseId).Select(d => d.FileName).SingleAsync()));
        Assert.Equal(1, FilesOnDisk(app));
    }
}

public sealed class DocumentTestsOnSqlite : DocumentTests<SqliteAppFactory>;

public sealed class DocumentTestsOnPostgres : DocumentTests<PostgresAppFactory>;
