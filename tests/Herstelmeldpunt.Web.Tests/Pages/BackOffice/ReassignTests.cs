using System.Net;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Tests.Pages.BackOffice;

/// <summary>Moving committee cases between members: rights follow the assignment, the deadline does not restart.</summary>
public abstract class ReassignTests(AppFactory app) : CaseTestBase(app)
{
    private async Task<Guid> CaseAssignedToAsync(StaffSession intake, StaffSession member)
    {
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        Assert.True((await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "High"), ("assignee", member.Account.Id)))).WasApplied());
        return caseId;
    }

    [Fact]
    public async Task The_chair_moves_a_case_with_a_reason_the_new_member_is_told_the_old_one_loses_it_and_the_deadline_stays()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var leaving = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var taking = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var chair = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeChair);
        var caseId = await CaseAssignedToAsync(intake, leaving);
        var deadlineBefore = await App.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == caseId && t.Name == "advice_deadline"));

        var page = await chair.Client.GetPageAsync("/backoffice/meldingen/herverdelen");
        var noReason = await chair.Client.PostFormAsync(page, "/backoffice/meldingen/herverdelen?handler=Move", D(("Selected", caseId.ToString()), ("ToMember", taking.Account.Id)), formSelector: "form[action$='handler=Move']");
        Assert.Equal(["#Reason"], noReason.ErrorSummaryLinks);
        var moved = await chair.Client.PostFormAsync(page, "/backoffice/meldingen/herverdelen?handler=Move",
            D(("Selected", caseId.ToString()), ("ToMember", taking.Account.Id), ("Reason", "Ziekte van het lid.")), formSelector: "form[action$='handler=Move']");
        Assert.Equal(HttpStatusCode.Redirect, moved.Status);

        Assert.Equal(taking.Account.Id, await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.AssigneeId).SingleAsync()));
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "case_assigned"));
        Assert.Equal(taking.Account.Email, mail.ToAddress);
        var deadlineAfter = await App.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.InstanceId == caseId && t.Name == "advice_deadline"));
        Assert.Equal((deadlineBefore.DueAt, (DateTime?)null), (deadlineAfter.DueAt, deadlineAfter.CancelledAt));
        Assert.DoesNotContain(caseId.ToString(), (await leaving.Client.GetPageAsync("/backoffice/werkvoorraad")).Html, StringComparison.Ordinal);
        Assert.Contains(caseId.ToString(), (await taking.Client.GetPageAsync("/backoffice/werkvoorraad")).Html, StringComparison.Ordinal);
        var advice = await leaving.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        Assert.NotNull(advice.Document.QuerySelector("[data-testid=refusal]"));
        var changes = (await chair.Client.GetPageAsync($"/backoffice/meldingen/{caseId}")).Document.QuerySelector("[data-testid=reporter-changes]")!.TextContent;
        Assert.Contains("herverdeeld", changes, StringComparison.Ordinal);
        Assert.Contains("Ziekte van het lid.", changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releasing_a_leaving_member_spreads_their_cases_over_the_others_and_a_member_may_not()
    {
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var leaving = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var cases = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            cases.Add(await CaseAssignedToAsync(intake, leaving));
        }

        // Two fresh members with no cases of their own yet.
        var first = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var second = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var before = await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.AssigneeId == first.Account.Id || i.AssigneeId == second.Account.Id).CountAsync());
        Assert.Equal(0, before);

        Assert.NotEqual(HttpStatusCode.OK, (await leaving.Client.GetPageAsync("/backoffice/meldingen/herverdelen")).Status);

        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var page = await manager.Client.GetPageAsync($"/backoffice/meldingen/herverdelen?lid={leaving.Account.Id}");
        Assert.Equal(4, page.Document.QuerySelectorAll("[data-testid=committee-cases] tbody tr").Length);
        var released = await manager.Client.PostFormAsync(page, $"/backoffice/meldingen/herverdelen?handler=Release&lid={leaving.Account.Id}", D(("Reason", "Lid vertrekt.")), formSelector: "form[action*='handler=Release']");
        Assert.Equal(HttpStatusCode.Redirect, released.Status);

        var owners = await App.WithDbAsync(db => db.WorkflowInstances.Where(i => cases.Contains(i.Id)).Select(i => i.AssigneeId).ToListAsync());
        Assert.DoesNotContain(leaving.Account.Id, owners);
        Assert.Equal(4, await App.WithDbAsync(db => db.Set<CaseEvent>().CountAsync(e => cases.Contains(e.CaseId) && e.Kind == "reassigned")));
    }
}

public sealed class ReassignTestsOnSqlite(SqliteAppFactory app) : ReassignTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ReassignTestsOnPostgres(PostgresAppFactory app) : ReassignTests(app), IClassFixture<PostgresAppFactory>;
