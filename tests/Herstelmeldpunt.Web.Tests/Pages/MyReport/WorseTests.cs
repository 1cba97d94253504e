using System.Net;
using Herstelmeldpunt.Web.Cases.Retriage;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.MyReport;

/// <summary>"My situation has got worse": a re-triage task for intake due the next working day; raised or kept with a reason the person reads.</summary>
public abstract class WorseTests(AppFactory app) : CaseTestBase(app)
{
    private const string Form = "form[data-testid=worse-form]";

    private async Task<(Guid CaseId, ReporterSession Reporter)> OnMyReportAsync(string language = "nl")
    {
        var answers = IntakeJourney.ValidAnswers("Slechter Melder");
        answers["Form.Email"] = $"{Guid.NewGuid():N}@example.nl"; // its own address: one receipt per address an hour
        answers["Form.Bsn"] = TestBsn.Next();
        var receipt = await new IntakeJourney(App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, language)));
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "receipt"));
        return (caseId, reporter);
    }

    private static async Task<HtmlPage> ReportAsync(ReporterSession reporter, IEnumerable<string> areas, string? text = null)
    {
        var page = await reporter.Client.GetPageAsync("/mijn-melding/slechter");
        var fields = page.FormFields(Form).Where(f => f.Key is not ("Areas" or "Text")).ToList();
        fields.AddRange(areas.Select(a => new KeyValuePair<string, string>("Areas", a)));
        if (text is not null)
        {
            fields.Add(new("Text", text));
        }

        return await reporter.Client.PostFieldsAsync("/mijn-melding/slechter", fields);
    }

    [Fact]
    public async Task A_worse_situation_becomes_a_task_due_the_next_working_day_a_second_report_joins_it_and_raising_moves_the_case_up()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var older = await App.FileReportAsync(TestBsn.Next());
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var (caseId, reporter) = await OnMyReportAsync();

        var emergency = (await reporter.Client.GetPageAsync("/mijn-melding/slechter")).Document.QuerySelector("[data-testid=emergency]")!.TextContent;
        Assert.Contains("112", emergency, StringComparison.Ordinal);
        Assert.Contains("0800-0113", emergency, StringComparison.Ordinal);

        var none = await ReportAsync(reporter, []);
        Assert.Equal(["#Areas_Money"], none.ErrorSummaryLinks);
        Assert.False(await App.WithDbAsync(db => db.SituationReports.AnyAsync(s => s.CaseId == caseId)));

        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reporter, ["Money"], "De huur kan niet meer betaald worden.")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reporter, ["Housing"], "Brief van de woningcorporatie.")).Status);
        var task = await App.WithDbAsync(db => db.SituationReports.SingleAsync(s => s.CaseId == caseId));
        Assert.Equal((WorseAreas.Money | WorseAreas.Housing, 2, new DateOnly(2026, 11, 24), "Reporter"), (task.Areas, task.Times, task.DueOn, task.ReportedBy));
        Assert.Contains("Brief van de woningcorporatie.", task.Text, StringComparison.Ordinal);

        var worklist = await intake.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.NotNull(worklist.Document.QuerySelector($"[data-testid=worse-tasks] tr[data-case='{caseId}']"));
        int Position(HtmlPage list, Guid id) => list.Document.QuerySelectorAll("[data-testid=worklist] tbody a").Select(a => a.GetAttribute("href")).ToList().IndexOf($"/backoffice/meldingen/{id}");
        Assert.True(Position(worklist, older) < Position(worklist, caseId), "before: the older report of the same urgency first");

        var page = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/situatie");
        var notHigher = await intake.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/situatie?handler=Decide", new Dictionary<string, string?> { ["Decision"] = "raise", ["RaiseTo"] = "High" }, "form[data-testid=decide-form]");
        Assert.Equal(["#RaiseTo"], notHigher.ErrorSummaryLinks); // filed with no income: already High
        var raised = await intake.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/situatie?handler=Decide", new Dictionary<string, string?> { ["Decision"] = "raise", ["RaiseTo"] = "Acute" }, "form[data-testid=decide-form]");
        Assert.Equal(HttpStatusCode.Redirect, raised.Status);

        Assert.Equal(UrgencyLevel.Acute, await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Urgency).SingleAsync()));
        var journaled = await App.WithDbAsync(db => db.CaseEvents.SingleAsync(e => e.CaseId == caseId && e.Kind == "situation_raised"));
        Assert.Equal("Retriage.Source.Reporter,Urgency.Acute", journaled.Details); // the person as the source
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Template == "situation_raised")));
        worklist = await intake.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.True(Position(worklist, caseId) >= 0 && (Position(worklist, older) < 0 || Position(worklist, caseId) < Position(worklist, older)), $"after: the raised report first ({Position(worklist, caseId)}, {Position(worklist, older)})");
        Assert.Null(worklist.Document.QuerySelector($"[data-testid=worse-tasks] tr[data-case='{caseId}']"));
        Assert.Contains("dringender", (await reporter.Client.GetPageAsync("/mijn-melding/slechter")).Document.QuerySelector("[data-testid=worse-latest]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kept_urgency_needs_a_reason_that_the_person_reads_and_the_email_does_not_carry()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var (caseId, reporter) = await OnMyReportAsync();
        await ReportAsync(reporter, ["Health"], "Ik slaap slecht.");
        var page = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/situatie");

        var noReason = await intake.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/situatie?handler=Decide", new Dictionary<string, string?> { ["Decision"] = "keep" }, "form[data-testid=decide-form]");
        Assert.Equal(["#KeptReason"], noReason.ErrorSummaryLinks);
        const string Reason = "Uw melding heeft al de hoogste voorrang die past bij geen inkomen. Wij bellen u deze week.";
        await intake.Client.PostFormAsync(page, $"/backoffice/meldingen/{caseId}/situatie?handler=Decide", new Dictionary<string, string?> { ["Decision"] = "keep", ["KeptReason"] = Reason }, "form[data-testid=decide-form]");

        Assert.Equal(UrgencyLevel.High, await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.Urgency).SingleAsync()));
        Assert.Contains(Reason, (await reporter.Client.GetPageAsync("/mijn-melding/slechter")).Document.QuerySelector("[data-testid=worse-latest]")!.TextContent, StringComparison.Ordinal);
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "situation_kept"));
        Assert.DoesNotContain("voorrang", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("slaap", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_filed_in_english_reads_the_page_and_the_outcome_mail_in_english()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var (caseId, reporter) = await OnMyReportAsync("en");

        var page = await reporter.Client.GetPageAsync("/mijn-melding/slechter");
        Assert.Contains("My situation has got worse", page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Call 112", page.Document.QuerySelector("[data-testid=emergency]")!.TextContent, StringComparison.Ordinal);
        await ReportAsync(reporter, ["Safety"]);
        var staffPage = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/situatie");
        await intake.Client.PostFormAsync(staffPage, $"/backoffice/meldingen/{caseId}/situatie?handler=Decide", new Dictionary<string, string?> { ["Decision"] = "raise", ["RaiseTo"] = "Acute" }, "form[data-testid=decide-form]");

        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "situation_raised"));
        Assert.StartsWith("We will deal with your report sooner", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_take_it_by_phone_only_intake_decides_and_a_sixth_report_in_a_day_is_refused_with_a_message()
    {
        var contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        var (caseId, reporter) = await OnMyReportAsync();
        var page = await contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/situatie");
        Assert.Null(page.Document.QuerySelector("form[data-testid=decide-form]"));
        var fields = page.FormFields("form[data-testid=record-form]").Where(f => f.Key != "Areas").Append(new("Areas", "Safety")).ToList();
        Assert.Equal(HttpStatusCode.Redirect, (await contact.Client.PostFieldsAsync($"/backoffice/meldingen/{caseId}/situatie?handler=Record", fields)).Status);
        var task = await App.WithDbAsync(db => db.SituationReports.SingleAsync(s => s.CaseId == caseId));
        Assert.Equal(WorseAreas.Safety, task.Areas);
        Assert.NotEqual("Reporter", task.ReportedBy);
        var decide = await contact.Client.PostFieldsAsync($"/backoffice/meldingen/{caseId}/situatie?handler=Decide", page.FormFields("form[data-testid=record-form]").Append(new("Decision", "keep")).Append(new("KeptReason", "x")));
        Assert.StartsWith("/backoffice/geen-toegang", decide.Location!.PathAndQuery(), StringComparison.Ordinal); // customer contact records, intake decides
        Assert.Null(await App.WithDbAsync(db => db.SituationReports.Where(s => s.CaseId == caseId).Select(s => s.HandledAt).SingleAsync()));

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reporter, ["Money"])).Status);
        }

        var sixth = await ReportAsync(reporter, ["Money"]);
        Assert.Contains("vaak laten weten", string.Join(' ', sixth.ErrorSummaryTexts), StringComparison.Ordinal);
        Assert.Equal(5, await App.WithDbAsync(db => db.SituationReports.Where(s => s.CaseId == caseId).Select(s => s.Times).SingleAsync()));
    }
}

public sealed class WorseTestsOnSqlite(SqliteAppFactory app) : WorseTests(app), IClassFixture<SqliteAppFactory>;

public sealed class WorseTestsOnPostgres(PostgresAppFactory app) : WorseTests(app), IClassFixture<PostgresAppFactory>;
