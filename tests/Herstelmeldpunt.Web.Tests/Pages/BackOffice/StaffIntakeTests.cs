using System.Net;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>Staff bring in a case themselves; a second report for the same BSN is flagged and linked.</summary>
public abstract class StaffIntakeTests(AppFactory app)
{
    private static Dictionary<string, string?> StaffAnswers(string name, string bsn)
    {
        var answers = IntakeJourney.ValidAnswers(name);
        answers["Form.Bsn"] = bsn;
        answers["Staff.Channel"] = "Phone";
        answers["Staff.Reason"] = "Belde overstuur naar de klantenservice.";
        answers["Staff.Language"] = "nl";
        return answers;
    }

    [Fact]
    public async Task Staff_member_brings_in_a_case_and_is_recorded_as_its_source()
    {
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var name = "Gebeld " + Guid.NewGuid();

        var saved = await SaveAsync(staff, StaffAnswers(name, "123456782"));

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var report = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.NameIndex == db.Cipher.NameIndex(name)));
        Assert.Equal(ReportSource.Staff, report.Source);
        Assert.Equal(IntakeChannel.Phone, report.Channel);
        Assert.Equal(staff.Account.Id, report.CreatedByUserId);
        Assert.Equal("Belde overstuur naar de klantenservice.", report.StaffReason);
        Assert.Equal(UrgencyLevel.High, report.Urgency);
        var casePage = await staff.Client.GetPageAsync(saved.Location!.PathAndQuery());
        Assert.Contains(report.ReferenceNumber, casePage.Document.QuerySelector("[data-testid=reference]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_brought_in_by_staff_marks_the_person_in_the_target_group_as_reported()
    {
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var bsn = TestBsn.Next();
        await app.AddToRegisterAsync(bsn);

        await SaveAsync(staff, StaffAnswers(CaseSteps.DefaultName(bsn), bsn));

        var (receivedAt, reportedAt) = await app.WithDbAsync(async db => (
            await db.Reports.Where(r => r.BsnHash == db.Cipher.BsnHash(bsn)).Select(r => r.ReceivedAt).SingleAsync(),
            await db.TargetGroupMembers.Where(m => m.BsnHash == db.Cipher.BsnHash(bsn)).Select(m => m.ReportedAt).SingleAsync()));
        Assert.Equal(receivedAt, reportedAt);
    }

    [Fact]
    public async Task Staff_read_the_answers_back_before_saving_and_nothing_is_stored_until_they_save()
    {
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var name = "Nalezen " + Guid.NewGuid();
        var form = await staff.Client.GetPageAsync(New);

        var review = await staff.Client.PostFormAsync(form, Review, StaffAnswers(name, "123456782"));

        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Equal("Controleer de melding", review.Document.QuerySelector("h1")!.TextContent);
        var summary = review.Document.QuerySelectorAll("dl.utrecht-data-list dd").Select(dd => dd.TextContent).ToList();
        Assert.Contains("Telefoon", summary[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Belde overstuur naar de klantenservice.", summary);
        Assert.Contains(name, summary);
        Assert.Contains("De melder meldt voor zichzelf", summary);
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));

        var back = await staff.Client.PostFormAsync(review, Edit);
        Assert.Equal(name, back.ValueOf("Form.FullName"));
        Assert.Equal("Belde overstuur naar de klantenservice.", back.Document.GetElementById("Staff_Reason")!.TextContent.Trim());
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));

        var saved = await staff.Client.PostFormAsync(review, Submit);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));
    }

    [Fact]
    public async Task Save_validates_the_answers_again_and_stores_nothing_when_they_were_tampered_with()
    {
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var name = "Gewijzigd " + Guid.NewGuid();
        var form = await staff.Client.GetPageAsync(New);
        var review = await staff.Client.PostFormAsync(form, Review, StaffAnswers(name, "123456782"));

        var page = await staff.Client.PostFormAsync(review, Submit, new Dictionary<string, string?> { ["Staff.Channel"] = "Pigeon" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["#Staff_Channel"], page.ErrorSummaryLinks);
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));
    }

    [Fact]
    public async Task Staff_form_speaks_about_the_reporter_not_to_them()
    {
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);

        var staffForm = await staff.Client.GetPageAsync(New);
        var publicForm = await new IntakeJourney(app).OpenFormAsync();

        Assert.Contains("De melder meldt voor zichzelf", staffForm.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hoe wil de melder het liefst contact?", staffForm.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("de melder", publicForm.Document.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Staff_form_with_missing_channel_and_reason_shows_errors_and_stores_nothing()
    {
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var name = "Onvolledig " + Guid.NewGuid();
        var answers = StaffAnswers(name, "123456782");
        answers["Staff.Channel"] = null;
        answers["Staff.Reason"] = " ";
        var form = await staff.Client.GetPageAsync(New);

        var page = await staff.Client.PostFormAsync(form, Review, answers);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["#Staff_Channel", "#Staff_Reason"], page.ErrorSummaryLinks);
        Assert.All(page.ErrorSummaryLinks, href => Assert.NotNull(page.Document.GetElementById(href.TrimStart('#'))));
        Assert.Equal(name, page.ValueOf("Form.FullName"));
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));
    }

    [Fact]
    public async Task Second_report_for_the_same_bsn_is_flagged_and_linked_to_the_first_never_merged()
    {
        var bsn = "999990019";
        var first = await new IntakeJourney(app).FileReportAsync(WithBsn(IntakeJourney.ValidAnswers("Eerste " + Guid.NewGuid()), bsn));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var firstReport = await app.WithDbAsync(db => db.Reports.FirstAsync(r => r.BsnHash == db.Cipher.BsnHash(bsn)));
        app.Clock.Advance(TimeSpan.FromDays(3));

        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var saved = await SaveAsync(staff, StaffAnswers("Tweede " + Guid.NewGuid(), bsn));

        var reports = await app.WithDbAsync(db => db.Reports.Where(r => r.BsnHash == db.Cipher.BsnHash(bsn)).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).ToListAsync());
        Assert.Equal(2, reports.Count);
        Assert.Null(reports[0].DuplicateOfReportId);
        Assert.Equal(firstReport.Id, reports[1].DuplicateOfReportId);

        var casePage = await staff.Client.GetPageAsync(saved.Location!.PathAndQuery());
        var flag = casePage.Document.QuerySelector("[data-testid=duplicate-flag]");
        Assert.NotNull(flag);
        Assert.Equal($"/backoffice/meldingen/{firstReport.Id}", flag.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(firstReport.ReferenceNumber, flag.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_with_many_reports_has_the_first_twenty_listed_on_the_case_page_and_the_rest_counted()
    {
        var bsn = TestBsn.Next();
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var saved = await SaveAsync(staff, StaffAnswers("Vaak " + Guid.NewGuid(), bsn));
        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.BsnHash == db.Cipher.BsnHash(bsn)));
        await app.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 22; i++)
            {
                db.Reports.Add(new Report
                {
                    Id = Guid.NewGuid(),
                    ReferenceNumber = "HM-T" + Guid.NewGuid().ToString("N")[..10],
                    IdempotencyKey = Guid.NewGuid(),
                    ReceivedAt = report.ReceivedAt.AddMinutes(i),
                    Source = ReportSource.Partner,
                    Urgency = UrgencyLevel.Normal,
                    FullName = report.FullName,
                    Bsn = bsn,
                    DateOfBirth = report.DateOfBirth,
                    Email = report.Email,
                    PreferredChannel = report.PreferredChannel,
                    PreferredTime = report.PreferredTime,
                    Description = "Opnieuw gemeld.",
                    ConsentGivenAt = report.ReceivedAt,
                });
            }

            return await db.SaveChangesAsync();
        });

        var casePage = await staff.Client.GetPageAsync(saved.Location!.PathAndQuery());

        Assert.Equal(20, casePage.Document.QuerySelectorAll("[data-testid=other-reports] a").Length);
        Assert.Contains("Er zijn nog 2 andere meldingen voor dit BSN.", casePage.Document.QuerySelector("[data-testid=other-reports-more]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(bsn, casePage.Document.QuerySelector("[data-testid=other-reports-more] a")!.GetAttribute("href")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Double_submission_of_the_staff_form_stores_one_report()
    {
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var name = "Dubbelklik " + Guid.NewGuid();
        var form = await staff.Client.GetPageAsync(New);
        var review = await staff.Client.PostFormAsync(form, Review, StaffAnswers(name, "123456782"));

        var first = await staff.Client.PostFormAsync(review, Submit);
        var second = await staff.Client.PostFormAsync(review, Submit);

        Assert.Equal(first.Location, second.Location);
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.NameIndex == db.Cipher.NameIndex(name))));
    }

    private const string New = "/backoffice/meldingen/nieuw";
    private const string Review = New + "?handler=Review";
    private const string Edit = New + "?handler=Edit";
    private const string Submit = New + "?handler=Submit";

    /// <summary>Fill in the form, check the answers, save.</summary>
    private static async Task<HtmlPage> SaveAsync(StaffSession staff, Dictionary<string, string?> answers)
    {
        var form = await staff.Client.GetPageAsync(New);
        var review = await staff.Client.PostFormAsync(form, Review, answers);
        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Empty(review.ErrorSummaryLinks);
        return await staff.Client.PostFormAsync(review, Submit);
    }

    private static Dictionary<string, string?> WithBsn(Dictionary<string, string?> answers, string bsn)
    {
        answers["Form.Bsn"] = bsn;
        return answers;
    }
}

public sealed class StaffIntakeTestsOnSqlite(SqliteAppFactory app) : StaffIntakeTests(app), IClassFixture<SqliteAppFactory>;

public sealed class StaffIntakeTestsOnPostgres(PostgresAppFactory app) : StaffIntakeTests(app), IClassFixture<PostgresAppFactory>;
