using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Infrastructure;

/// <summary>One signed-in member of staff for each role on the way to a decision.</summary>
public sealed record DecisionDesk(StaffSession Intake, StaffSession Member, StaffSession Chair, StaffSession Smz, StaffSession Contact)
{
    public static async Task<DecisionDesk> SignInAsync(AppFactory app) => new(
        await StaffSession.SignInAsNewAsync(app, Herstelmeldpunt.Web.Staff.StaffRoles.IntakeStaff),
        await StaffSession.SignInAsNewAsync(app, Herstelmeldpunt.Web.Staff.StaffRoles.CommitteeMember),
        await StaffSession.SignInAsNewAsync(app, Herstelmeldpunt.Web.Staff.StaffRoles.CommitteeChair),
        await StaffSession.SignInAsNewAsync(app, Herstelmeldpunt.Web.Staff.StaffRoles.SmzDecisionMaker),
        await StaffSession.SignInAsNewAsync(app, Herstelmeldpunt.Web.Staff.StaffRoles.CustomerContact));

    /// <summary>
    /// From screening to a final decision (the case's BSN must be in the register): routed to the member,
    /// advice "no additional help" ("Uitkering is al hersteld."), submitted, approved, proposed with these
    /// fields, discussed on 23 November 2026 with this agreement, made final.
    /// </summary>
    public async Task DecideAsync(Guid caseId, IReadOnlyDictionary<string, string?> proposal, string agreement = "yes")
    {
        await ProposeAsync(caseId, proposal);
        Assert.True((await Contact.TakeAsync(caseId, "record_conversation", new Dictionary<string, string?> { ["conversation_date"] = "2026-11-23", ["outcome"] = "Besproken.", ["agreement"] = agreement, ["financial_consequences_explained"] = "yes" })).WasApplied());
        Assert.True((await Smz.TakeAsync(caseId, "finalise_decision")).WasApplied());
    }

    /// <summary>The committee member writes the advice's explanation for the person (v5: needed to submit the advice).</summary>
    public async Task ExplainAsync(Guid caseId, string forThePerson)
    {
        var advice = await Member.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        await Member.Client.PostFormAsync(advice, $"/backoffice/meldingen/{caseId}/advies?handler=ForThePerson", new Dictionary<string, string?> { ["ForThePerson"] = forThePerson }, formSelector: "form[action$='handler=ForThePerson']");
    }

    /// <summary>From screening to the proposed decision (v5: the person's term to respond opens): routed, "no additional help" explained, submitted, approved, proposed.</summary>
    public async Task ProposeAsync(Guid caseId, IReadOnlyDictionary<string, string?> proposal)
    {
        Assert.True((await Intake.TakeAsync(caseId, "route_to_committee", new Dictionary<string, string?> { ["urgency"] = "High", ["assignee"] = Member.Account.Id })).WasApplied());
        var advice = await Member.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/advies");
        await Member.Client.PostFormAsync(advice, $"/backoffice/meldingen/{caseId}/advies?handler=NoHelp", new Dictionary<string, string?> { ["NoHelpReasons"] = "Uitkering is al hersteld." }, formSelector: "form[action$='handler=NoHelp']");
        await ExplainAsync(caseId, "Uw uitkering is al hersteld. Daarom is geen extra hulp nodig.");
        Assert.True((await Member.TakeAsync(caseId, "submit_advice")).WasApplied());
        Assert.True((await Chair.TakeAsync(caseId, "approve_advice")).WasApplied());
        Assert.True((await Smz.TakeAsync(caseId, "propose_decision", proposal)).WasApplied());
    }
}

/// <summary>Intent-named steps of the case process through the back-office pages.</summary>
public static class CaseSteps
{
    /// <summary>Opens the step form and sends it with these fields (names as in the definition), note and ticked provisions (checklist keys).</summary>
    public static async Task<HtmlPage> TakeAsync(this StaffSession staff, Guid caseId, string transition, IReadOnlyDictionary<string, string?>? data = null, string? note = null, IEnumerable<string>? carried = null)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var url = $"/backoffice/meldingen/{caseId}/stap/{transition}";
        var form = await staff.Client.GetPageAsync(url);
        if (form.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url}: {(int)form.Status}");
        }

        var changes = (data ?? new Dictionary<string, string?>()).ToDictionary(d => $"Data[{d.Key}]", d => d.Value);
        changes["Note"] = note;
        foreach (var key in carried ?? [])
        {
            changes[$"Carried[{key}]"] = "true";
        }

        return form.Document.QuerySelector("main form") is null ? form : await staff.Client.PostFormAsync(form, url, changes);
    }

    public static bool WasApplied(this HtmlPage page) =>
        page.Status == HttpStatusCode.Redirect && page.Location?.PathAndQuery().EndsWith("?melding=stap", StringComparison.Ordinal) == true;

    public static string? RefusalReason(this HtmlPage page) =>
        page.Document.QuerySelector("[data-testid=refusal]")?.GetAttribute("data-reason");

    public static Task<string> StateAsync(this AppFactory app, Guid caseId) =>
        app.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).Select(i => i.State).SingleAsync());

    /// <summary>
    /// Puts a BSN in the target-group register directly (test arrangement; the import has its own tests),
    /// under the name <see cref="FileReportAsync"/> files by default, so that the identity check agrees.
    /// </summary>
    public static Task AddToRegisterAsync(this AppFactory app, string bsn, string? name = null) =>
        app.WithDbAsync(async db =>
        {
            if (!await db.TargetGroupMembers.AnyAsync(m => m.BsnHash == db.Cipher.BsnHash(bsn)))
            {
                db.TargetGroupMembers.Add(new Herstelmeldpunt.Web.TargetGroup.TargetGroupMember
                {
                    Id = Guid.NewGuid(),
                    Bsn = bsn,
                    FullName = name ?? DefaultName(bsn),
                    BenefitType = Herstelmeldpunt.Web.TargetGroup.BenefitType.Wga,
                    ReassessmentDate = new DateOnly(2019, 3, 14),
                    Team = "OTN",
                    ImportedAt = AppFactory.DefaultNow.UtcDateTime,
                });
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>One run of the timer sweep (what the Hangfire sweep does), on the app's current clock.</summary>
    public static async Task<int> FireDueTimersAsync(this AppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Cases.Process.TimerFiring>().FireDueAsync(CancellationToken.None);
    }

    /// <summary>Files a report through the public form and returns its id.</summary>
    public static async Task<Guid> FileReportAsync(this AppFactory app, string bsn, string? name = null, string crisis = "no")
    {
        var answers = IntakeJourney.ValidAnswers(name ?? DefaultName(bsn));
        answers["Form.Bsn"] = bsn;
        answers["Form.CrisisOrDanger"] = crisis;
        var receipt = await new IntakeJourney(app).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        return await app.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
    }

    /// <summary>The name a test report for this BSN is filed under unless the test says otherwise.</summary>
    public static string DefaultName(string bsn) => "Melder " + bsn;
}
