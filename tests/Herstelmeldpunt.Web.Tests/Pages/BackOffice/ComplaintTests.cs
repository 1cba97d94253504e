using System.Net;
using Herstelmeldpunt.Web.Cases.Complaints;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>
/// Complaints (Awb chapter 9): filed on Mijn melding, the public page or by staff from a call; acknowledged with the date
/// it will be decided by; never handled by someone involved in the case (9:7); heard unless waived (9:10); extended
/// once by four weeks with a message (9:11); decided with findings that name the National Ombudsman (9:12); counted in
/// the register per year (9:12a) on the list, the dashboard and as CSV; an upheld complaint flags the case.
/// </summary>
public abstract class ComplaintTests(AppFactory app) : CaseTestBase(app)
{
    private static Task<HtmlPage> PostAsync(StaffSession staff, HtmlPage page, Guid id, string handler, Dictionary<string, string?>? fields = null) =>
        staff.Client.PostFormAsync(page, $"/backoffice/klachten/{id}?handler={handler}", fields, formSelector: $"form[action$='handler={handler}']");

    [Fact]
    public async Task A_complaint_is_handled_by_an_uninvolved_officer_heard_extended_once_and_decided_naming_the_ombudsman()
    {
        // The member of customer contact who held the conversation is also a complaints officer: involved in this case.
        var involved = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact, StaffRoles.ComplaintsOfficer);
        var desk = (await DecisionDesk.SignInAsync(App)) with { Contact = involved };
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        await desk.DecideAsync(caseId, D(("adopts_advice", "yes")));
        var reporter = new ReporterSession(App);
        await reporter.OpenAsync(await ReporterSession.LinkFromMailAsync(App, caseId, "decision_final"));

        var form = await reporter.Client.GetPageAsync("/mijn-melding/klacht");
        var empty = await reporter.Client.PostFormAsync(form, "/mijn-melding/klacht", formSelector: "form[data-testid=complaint-form]");
        Assert.Equal(["Kies waar uw klacht over gaat.", "Schrijf wat er is gebeurd.", "Kies of u uw klacht wilt toelichten in een gesprek."], empty.ErrorSummaryTexts);
        Assert.False(await App.WithDbAsync(db => db.Complaints.AnyAsync(c => c.CaseId == caseId)));
        var sent = await reporter.Client.PostFormAsync(form, "/mijn-melding/klacht", new Dictionary<string, string?>
        {
            ["Complaint.Subject"] = "Delay",
            ["Complaint.Text"] = "Ik werd drie keer niet teruggebeld.",
            ["Complaint.WantsHearing"] = "yes",
        }, formSelector: "form[data-testid=complaint-form]");
        Assert.Equal("/mijn-melding/klacht?verstuurd=true", sent.Location?.OriginalString);
        var complaint = await App.WithDbAsync(db => db.Complaints.SingleAsync(c => c.CaseId == caseId));
        Assert.Equal((new DateOnly(2027, 1, 4), ComplaintChannel.MyReport, false), (complaint.DueOn, complaint.Channel, complaint.HearingWaived));
        Assert.Contains("4 januari 2027", (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "complaint_received"))).TextBody, StringComparison.Ordinal);

        // 9:7: whoever worked on the case is refused.
        var involvedPage = await involved.Client.GetPageAsync($"/backoffice/klachten/{complaint.Id}");
        var refused = await PostAsync(involved, involvedPage, complaint.Id, "Take");
        Assert.Equal(["U werkte aan deze melding. U mag deze klacht niet behandelen (Awb 9:7)."], refused.ErrorSummaryTexts);
        Assert.Null((await App.WithDbAsync(db => db.Complaints.SingleAsync(c => c.Id == complaint.Id))).OfficerId);

        var officer = await StaffSession.SignInAsNewAsync(App, StaffRoles.ComplaintsOfficer);
        var page = await officer.Client.GetPageAsync($"/backoffice/klachten/{complaint.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(officer, page, complaint.Id, "Take")).Status);
        page = await officer.Client.GetPageAsync($"/backoffice/klachten/{complaint.Id}");
        var unheard = await PostAsync(officer, page, complaint.Id, "Decide", new() { ["Outcome"] = "Upheld", ["Findings"] = "U had gelijk." });
        Assert.Equal(["De klager wilde een gesprek. Leg eerst vast wanneer u de klager hoorde (Awb 9:10)."], unheard.ErrorSummaryTexts);
        await PostAsync(officer, page, complaint.Id, "Hearing", new() { ["HeldOn"] = "2026-11-23", ["HearingReport"] = "Gebeld met de klager." });

        // 9:11: once, by four weeks, with the message.
        await PostAsync(officer, page, complaint.Id, "Extend", new() { ["Reason"] = "Wij spreken eerst de betrokken medewerkers." });
        Assert.Equal(new DateOnly(2027, 2, 1), (await App.WithDbAsync(db => db.Complaints.SingleAsync(c => c.Id == complaint.Id))).DueOn);
        Assert.Contains("1 februari 2027", (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "complaint_extended"))).TextBody, StringComparison.Ordinal);
        var twice = await PostAsync(officer, page, complaint.Id, "Extend", new() { ["Reason"] = "Nog meer tijd." });
        Assert.Equal(["De termijn is al eens verlengd. Dat kan maar één keer."], twice.ErrorSummaryTexts);

        page = await officer.Client.GetPageAsync($"/backoffice/klachten/{complaint.Id}");
        await PostAsync(officer, page, complaint.Id, "Decide", new() { ["Outcome"] = "Upheld", ["Findings"] = "U werd niet teruggebeld. Dat had wel gemoeten." });
        var letter = PdfText.All(await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "complaint_decided").Select(l => l.Pdf).SingleAsync()));
        Assert.Contains("U werd niet teruggebeld.", letter, StringComparison.Ordinal);
        Assert.Contains("Nationale ombudsman", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("teruggebeld", (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "complaint_decided"))).TextBody, StringComparison.Ordinal);
        var mine = await reporter.Client.GetPageAsync("/mijn-melding/klacht");
        Assert.Contains("Dat had wel gemoeten.", mine.Document.QuerySelector("[data-testid=complaint-findings]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await desk.Intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}")).Document.QuerySelector("[data-testid=complaint-flag]"));

        // The register counts what is in the table.
        var expected = await App.WithDbAsync(db => db.Complaints.CountAsync(c => c.ReceivedOn.Year == 2026 && c.Subject == ComplaintSubject.Delay));
        var register = await officer.Client.GetPageAsync("/backoffice/klachten?jaar=2026");
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), register.Document.QuerySelector("[data-testid=register] tr[data-subject=Delay] [data-testid=total]")?.TextContent);
        var upheld = await App.WithDbAsync(db => db.Complaints.CountAsync(c => c.ReceivedOn.Year == 2026 && c.Subject == ComplaintSubject.Delay && c.Outcome == ComplaintOutcome.Upheld));
        Assert.Contains($"2026,Delay,Upheld,{upheld}", await officer.Client.GetStringAsync(new Uri("/backoffice/klachten?handler=Csv&jaar=2026", UriKind.Relative)), StringComparison.Ordinal);
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var all = await App.WithDbAsync(db => db.Complaints.CountAsync(c => c.ReceivedOn.Year == 2026));
        Assert.Equal(all.ToString(System.Globalization.CultureInfo.InvariantCulture), (await manager.Client.GetPageAsync("/backoffice/dashboard")).Document.QuerySelector("[data-testid=complaints-received]")?.TextContent);
    }

    [Fact]
    public async Task The_public_page_files_only_when_reference_and_email_belong_together_and_staff_record_one_from_a_call()
    {
        var bsn = TestBsn.Next();
        var answers = IntakeJourney.ValidAnswers(CaseSteps.DefaultName(bsn));
        answers["Form.Bsn"] = bsn;
        answers["Form.Email"] = $"klacht.{bsn}@example.nl";
        var receipt = await new IntakeJourney(App).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await App.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        var client = new ReporterSession(App).Client;
        var form = await client.GetPageAsync("/klacht");
        var fields = new Dictionary<string, string?> { ["Reference"] = reference, ["EmailAddress"] = "iemand.anders@example.nl", ["Complaint.Subject"] = "Reachability", ["Complaint.Text"] = "Niemand nam op.", ["Complaint.WantsHearing"] = "no" };
        var wrong = await client.PostFormAsync(form, "/klacht", fields, formSelector: "form[data-testid=complaint-form]");
        fields["EmailAddress"] = $"klacht.{bsn}@example.nl";
        var right = await client.PostFormAsync(form, "/klacht", fields, formSelector: "form[data-testid=complaint-form]");
        Assert.Equal(wrong.Location, right.Location); // the same answer either way
        var filed = await App.WithDbAsync(db => db.Complaints.SingleAsync(c => c.CaseId == caseId));
        Assert.Equal((ComplaintChannel.PublicPage, true, ComplaintSubject.Reachability), (filed.Channel, filed.HearingWaived, filed.Subject));

        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var call = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/klacht");
        var recorded = await intake.Client.PostFormAsync(call, $"/backoffice/meldingen/{caseId}/klacht", new Dictionary<string, string?>
        {
            ["Complaint.Subject"] = "Treatment",
            ["Complaint.Text"] = "De medewerker was onvriendelijk aan de telefoon.",
            ["Complaint.WantsHearing"] = "yes",
        }, formSelector: "form[data-testid=complaint-form]");
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        var byPhone = await App.WithDbAsync(db => db.Complaints.SingleAsync(c => c.CaseId == caseId && c.Channel == ComplaintChannel.Phone));
        Assert.Equal(ComplaintSubject.Treatment, byPhone.Subject);
        Assert.Equal(2, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == caseId && m.Template == "complaint_received")));
    }
}

public sealed class ComplaintTestsOnSqlite(SqliteAppFactory app) : ComplaintTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ComplaintTestsOnPostgres(PostgresAppFactory app) : ComplaintTests(app), IClassFixture<PostgresAppFactory>;
