using System.Net;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Cases.Terms;

/// <summary>The decision term's arithmetic with the real holiday list (Awb 4:13–4:15), counted by hand in the comments.</summary>
public sealed class DecisionTermRulesTests
{
    private static readonly DecisionTerm Term = new(
        new WorkingDayCalendar(new CalendarOptions { Holidays = [new(2026, 12, 25), new(2026, 12, 26), new(2027, 1, 1)] }),
        new DecisionTermOptions { WorkingDays = 40, MaxExtensionWorkingDays = 20 });

    private static CaseDeadline Received() => Term.Start(Guid.NewGuid(), new DateTime(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc));

    [Fact]
    public void Forty_working_days_after_Monday_23_November_skipping_Christmas_and_New_Year_is_Wednesday_20_January() =>
        Assert.Equal(new DateOnly(2027, 1, 20), Received().DueOn);

    [Fact]
    public void A_question_answered_before_its_term_moves_the_deadline_by_the_working_days_it_was_open()
    {
        var deadline = Received();
        deadline.SuspendedSince = new DateOnly(2026, 11, 30); // asked on Monday, answer by Friday 11 December
        deadline.SuspendedUntil = new DateOnly(2026, 12, 11);

        // Answered Thursday 10 December: 1-4 and 7-10 December are 8 working days.
        Assert.Equal(8, Term.SuspendedDays(deadline.SuspendedSince.Value, deadline.SuspendedUntil, new DateOnly(2026, 12, 10)));
        Assert.Equal(new DateOnly(2027, 2, 1), Term.Due(deadline, new DateOnly(2026, 12, 10))); // 48 working days
    }

    [Fact]
    public void A_late_answer_suspends_only_until_the_term_that_was_given()
    {
        // Asked Monday 30 November, answer by Friday 4 December, answered Wednesday 16 December: 4 days count.
        Assert.Equal(4, Term.SuspendedDays(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 16)));
    }

    [Fact]
    public void The_term_is_extended_once_within_the_cap_and_with_a_reason()
    {
        var deadline = Received();
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal("Term.Error.Days", Term.Extend(deadline, 21, "Meer tijd nodig.", "M", now));
        Assert.Equal("Term.Error.Reason", Term.Extend(deadline, 10, " ", "M", now));
        Assert.Null(Term.Extend(deadline, 10, "Advies vraagt meer tijd.", "Manager", now));
        Assert.Equal(new DateOnly(2027, 2, 3), deadline.DueOn); // 50 working days
        Assert.Equal("Term.Error.AlreadyExtended", Term.Extend(deadline, 5, "Nog meer.", "M", now));
    }
}

/// <summary>The decision term through the pages, on each database.</summary>
public abstract class DecisionTermTests(AppFactory app) : CaseTestBase(app)
{
    [Fact]
    public async Task The_term_is_shown_suspended_by_a_question_with_a_term_moved_by_the_answer_and_extended_once_with_a_message()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var caseId = await App.FileReportAsync(TestBsn.Next());
        async Task<string?> DueAsync() => (await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}")).Document.QuerySelector("[data-testid=decision-term]")?.GetAttribute("data-due");
        Assert.Equal("2027-01-20", await DueAsync());

        var past = await intake.TakeAsync(caseId, "request_information", D(("question", "Welke datum?"), ("answer_by", "2026-11-20")));
        Assert.False(past.WasApplied());
        Assert.True((await intake.TakeAsync(caseId, "request_information", D(("question", "Welke datum?"), ("answer_by", "2026-12-11")))).WasApplied());

        App.Clock.AdjustTime(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero)); // answered Thursday 3 December: 24 Nov - 3 Dec = 8 working days
        intake = await StaffSession.SignInAsync(App, intake.Account); // ten days later: a new session
        Assert.True((await intake.TakeAsync(caseId, "information_received", D(("answer", "Per telefoon: 3 maart.")))).WasApplied());
        Assert.Equal("2027-02-01", await DueAsync());

        var committee = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        Assert.NotEqual(HttpStatusCode.OK, (await committee.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/beslistermijn")).Status);

        var form = await intake.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/beslistermijn");
        var wrong = await intake.Client.PostFormAsync(form, $"/backoffice/meldingen/{caseId}/beslistermijn", D(("Days", "200"), ("Reason", "Te veel.")));
        Assert.Equal(["#Days"], wrong.ErrorSummaryLinks);
        var extended = await intake.Client.PostFormAsync(form, $"/backoffice/meldingen/{caseId}/beslistermijn", D(("Days", "10"), ("Reason", "Het advies vraagt meer tijd.")));
        Assert.Equal(HttpStatusCode.Redirect, extended.Status);
        Assert.Equal("2027-02-15", await DueAsync());
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "decision_term_extended"));
        Assert.Contains("15 februari 2027", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("advies vraagt", mail.TextBody, StringComparison.OrdinalIgnoreCase); // the internal reason stays inside
    }

    [Fact]
    public async Task Decided_within_the_term_and_the_lead_time_on_the_dashboard_equal_a_direct_count()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await App.FileReportAsync(TestBsn.Next()));
        }

        // Four decided in November 2026, three of them by their deadline; one decided in October; one open.
        // Received 10, 20, 30 and 40 days before their November decisions: lead times 10, 20, 30, 40 days.
        var decisions = new (int Index, DateOnly Decided, DateOnly Due, int LeadDays)[]
        {
            (0, new(2026, 11, 2), new(2026, 11, 10), 10), (1, new(2026, 11, 12), new(2026, 11, 12), 20), (2, new(2026, 11, 20), new(2026, 11, 25), 30),
            (3, new(2026, 11, 27), new(2026, 11, 13), 40), (4, new(2026, 10, 15), new(2026, 11, 1), 5),
        };
        foreach (var (index, decided, due, lead) in decisions)
        {
            await App.WithDbAsync(db => db.Set<CaseDeadline>().Where(d => d.CaseId == ids[index])
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.DecidedOn, decided).SetProperty(d => d.DueOn, due).SetProperty(d => d.ReceivedOn, decided.AddDays(-lead))));
        }

        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var page = await manager.Client.GetPageAsync("/backoffice/dashboard?van=2026-11-01&tot=2026-11-30");
        var shown = page.Document.QuerySelector("[data-key=decided-in-term]")!.TextContent;

        var direct = await App.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT COUNT(*), SUM(CASE WHEN "DecidedOn" <= "DueOn" THEN 1 ELSE 0 END) FROM "CaseDeadlines" WHERE "DecidedOn" >= '2026-11-01' AND "DecidedOn" <= '2026-11-30'""";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (Decided: Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Within: Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.Equal((4, 3), direct);
        Assert.Contains("75%", shown, StringComparison.Ordinal);
        Assert.Contains("(3 / 4)", shown, StringComparison.Ordinal);
        // Nearest rank over 10, 20, 30, 40: the median is the 2nd, the 90th percentile the 4th.
        Assert.Equal("mediaan 20 dagen, 90% binnen 40 dagen", page.Document.QuerySelector("[data-key=lead-time]")!.TextContent.Trim());
    }
}

public sealed class DecisionTermTestsOnSqlite(SqliteAppFactory app) : DecisionTermTests(app), IClassFixture<SqliteAppFactory>;

public sealed class DecisionTermTestsOnPostgres(PostgresAppFactory app) : DecisionTermTests(app), IClassFixture<PostgresAppFactory>;
