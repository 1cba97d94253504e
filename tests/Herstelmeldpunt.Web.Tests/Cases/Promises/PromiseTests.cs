using System.Globalization;
using System.Text.RegularExpressions;
using Herstelmeldpunt.Web.Cases.Promises;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Reporters;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Herstelmeldpunt.Web.Tests.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Cases.Promises;

/// <summary>
/// The promise ledger: every message that names a date we must meet makes exactly its row; the step that does it keeps
/// it; a promise whose day passes is late, apologised for once with a new date, and on its owners' and the manager's
/// worklists until done; the dashboard's shares equal a direct count.
/// </summary>
public abstract partial class PromiseTests(AppFactory app) : CaseTestBase(app)
{
    /// <summary>Mail to staff, and the mails about a changed address (sent by EmailChanges): not messages to the person about their case.</summary>
    private static readonly HashSet<string> NotToThePerson = ["escalation", "case_assigned", "deadline_soon", "email_confirm", "email_change_requested", "email_removed", "intake_draft_saved"];

    private static async Task<int> WatchAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PromiseWatch>().RunAsync(CancellationToken.None);
    }

    private static string Resource(string prefix, string name)
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(prefix + name) ?? throw new InvalidOperationException(name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Every_template_that_names_a_date_we_must_meet_makes_or_repeats_a_promise()
    {
        var checkedTemplates = 0;
        foreach (var (prefix, names) in new[] { ("Herstelmeldpunt.Web.Email.Templates.", EmailTemplates.Names.Except(NotToThePerson)), ("Herstelmeldpunt.Web.Letters.Templates.", LetterTemplates.Names.AsEnumerable()) })
        {
            foreach (var name in names)
            {
                foreach (var language in new[] { "nl", "en" })
                {
                    var placeholders = Placeholder().Matches(Resource(prefix, $"{name}.{language}.txt")).Select(m => m.Groups[1].Value).ToHashSet();
                    var baseName = name.EndsWith("_nophone", StringComparison.Ordinal) ? name[..^"_nophone".Length] : name;
                    if (placeholders.Overlaps(PromiseCatalogue.PromisedDates))
                    {
                        Assert.True(PromiseCatalogue.Makes.ContainsKey(baseName) || PromiseCatalogue.Repeats.Contains(baseName) || baseName == PromiseCatalogue.ApologyTemplate, $"{name}.{language} names a promised date but makes no promise");
                    }

                    // Every other date it names is declared as not ours, with the reason.
                    foreach (var date in placeholders.Where(p => MessageDates.Placeholders.Contains(p) || p.EndsWith("_until", StringComparison.Ordinal) || p.EndsWith("_on", StringComparison.Ordinal) || p == "kept_for"))
                    {
                        Assert.True(PromiseCatalogue.PromisedDates.Contains(date) || PromiseCatalogue.OtherDates.ContainsKey(date), $"{name}.{language}: {{{{{date}}}}} is neither a promise nor declared");
                    }

                    checkedTemplates++;
                }
            }
        }

        Assert.True(checkedTemplates > 100);
    }

    [Fact]
    public async Task Each_message_to_the_person_makes_exactly_the_promise_its_template_names()
    {
        var caseId = await App.FileReportAsync(TestBsn.Next());
        var due = new DateOnly(2026, 12, 18);
        foreach (var template in EmailTemplates.Names.Except(NotToThePerson).Where(n => !n.EndsWith("_nophone", StringComparison.Ordinal)))
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Data.AppDbContext>();
            var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == caseId);
            var before = await db.Promises.Where(p => p.CaseId == caseId).Select(p => p.Id).ToListAsync();
            var rule = PromiseCatalogue.Makes.GetValueOrDefault(template);
            var promised = rule is not null ? new Promised(due) : template == PromiseCatalogue.ApologyTemplate ? new Promised(due, Kind: PromiseKind.Call) : null;
            Assert.True(scope.ServiceProvider.GetRequiredService<ReporterMessages>().Queue(report, template, $"ledger-test:{template}:{Guid.NewGuid():N}", promised: promised), template);
            await db.SaveChangesAsync();

            var made = await db.Promises.AsNoTracking().Where(p => p.CaseId == caseId && !before.Contains(p.Id)).ToListAsync();
            if (promised is null)
            {
                Assert.True(made.Count == 0, $"{template} made a promise");
                continue;
            }

            var row = Assert.Single(made);
            Assert.Equal((rule?.Kind ?? PromiseKind.Call, due, PromiseState.Open, template), (row.Kind, row.Due, row.State, row.Template));
        }

        // A template that promises a date refuses to be sent without one (the tests find a caller that forgot it).
        await using var check = App.Services.CreateAsyncScope();
        var forgot = await check.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Data.AppDbContext>().Reports.AsNoTracking().SingleAsync(r => r.Id == caseId);
        var messagesForgetting = check.ServiceProvider.GetRequiredService<ReporterMessages>();
        Assert.Throws<InvalidOperationException>(() => { messagesForgetting.Queue(forgot, "complaint_received", "ledger-test:forgot"); });
    }

    [Fact]
    public async Task A_late_promise_gets_one_apology_with_a_new_date_and_stays_on_the_owners_worklist_until_done()
    {
        var caseId = await App.FileReportAsync(TestBsn.Next());
        var receipt = await App.WithDbAsync(db => db.Promises.SingleAsync(p => p.CaseId == caseId));
        Assert.Equal((PromiseKind.Receipt, new DateOnly(2026, 11, 24), PromiseState.Open), (receipt.Kind, receipt.Due, receipt.State));
        var link = await ReporterSession.LinkFromMailAsync(App, caseId, "receipt");

        // Tuesday: not late yet. Thursday: the receipt was never delivered.
        App.Clock.Advance(TimeSpan.FromDays(1));
        await WatchAsync(App);
        Assert.Equal(PromiseState.Open, (await App.WithDbAsync(db => db.Promises.SingleAsync(p => p.Id == receipt.Id))).State);
        App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await WatchAsync(App) >= 1);
        Assert.Equal(0, await WatchAsync(App)); // a second run finds nothing new
        Assert.Equal(PromiseState.Late, (await App.WithDbAsync(db => db.Promises.SingleAsync(p => p.Id == receipt.Id))).State);
        var apology = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == PromiseCatalogue.ApologyTemplate));
        Assert.Contains("24 november 2026", apology.TextBody, StringComparison.Ordinal);
        Assert.Contains("3 december 2026", apology.TextBody, StringComparison.Ordinal); // five working days after Thursday 26 November
        Assert.Contains("een bevestiging dat wij uw melding hebben ontvangen", apology.TextBody, StringComparison.Ordinal);
        var renewed = await App.WithDbAsync(db => db.Promises.SingleAsync(p => p.FollowsId == receipt.Id));
        Assert.Equal((PromiseKind.Receipt, new DateOnly(2026, 12, 3), PromiseState.Open), (renewed.Kind, renewed.Due, renewed.State));

        // On the worklist of the role that owns it (intake) and of every manager; not on customer contact's.
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        static bool Lists(HtmlPage page, Guid id) => page.Document.QuerySelector($"[data-testid=late-promises] tr[data-case='{id}']") is not null;
        Assert.True(Lists(await intake.Client.GetPageAsync("/backoffice/werkvoorraad"), caseId));
        Assert.True(Lists(await manager.Client.GetPageAsync("/backoffice/werkvoorraad"), caseId));
        Assert.False(Lists(await contact.Client.GetPageAsync("/backoffice/werkvoorraad"), caseId));

        // The receipt goes out at last: the new date is kept, the late one is done (late) and leaves the worklists.
        await App.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        var rows = await App.WithDbAsync(db => db.Promises.Where(p => p.CaseId == caseId).OrderBy(p => p.CreatedAt).ToListAsync());
        Assert.Equal([(PromiseState.Late, true), (PromiseState.Kept, true)], rows.Select(p => (p.State, p.FulfilledAt is not null)));
        Assert.False(Lists(await manager.Client.GetPageAsync("/backoffice/werkvoorraad"), caseId));

        // The person sees it on Mijn melding (the link was read before the mail went out and was blanked).
        var mine = await new ReporterSession(App).OpenAsync(link);
        var states = mine.Document.QuerySelectorAll("[data-testid=promises] tr[data-state]").Select(r => r.GetAttribute("data-state")).ToList();
        Assert.Equal(["Kept", "Late"], states);
        Assert.Contains("Te laat gedaan", mine.Document.QuerySelector("[data-testid=promises]")!.TextContent, StringComparison.Ordinal);

        // The dashboard's shares per kind and month are a direct count.
        var dashboard = await manager.Client.GetPageAsync("/backoffice/dashboard?van=2026-11-01&tot=2026-12-31");
        var counted = await App.WithDbAsync(db => db.Promises.Where(p => p.Due >= new DateOnly(2026, 11, 1) && p.Due <= new DateOnly(2026, 12, 31) && (p.State == PromiseState.Kept || p.State == PromiseState.Late))
            .GroupBy(p => new { p.Kind, p.Due.Year, p.Due.Month }).Select(g => new { g.Key.Kind, g.Key.Year, g.Key.Month, Kept = g.Count(p => p.State == PromiseState.Kept), Late = g.Count(p => p.State == PromiseState.Late) }).ToListAsync());
        Assert.NotEmpty(counted);
        foreach (var c in counted)
        {
            var row = dashboard.Document.QuerySelector($"[data-testid=promise-months] tr[data-key='{c.Kind}-{c.Year}-{c.Month}']");
            Assert.NotNull(row);
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            Assert.Equal((c.Kept.ToString(CultureInfo.InvariantCulture), c.Late.ToString(CultureInfo.InvariantCulture)), (cells[2], cells[3]));
        }
    }

    [Fact]
    public async Task After_a_case_is_withdrawn_the_process_promises_are_no_longer_owed_but_a_complaints_answer_still_is()
    {
        var caseId = await App.FileReportAsync(TestBsn.Next());
        var due = new DateOnly(2026, 11, 24);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Data.AppDbContext>();
            var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == caseId);
            var messages = scope.ServiceProvider.GetRequiredService<ReporterMessages>();
            messages.Queue(report, "estimate_changed", "ledger-test:estimate", promised: new Promised(due));
            messages.Queue(report, "complaint_received", "ledger-test:complaint", promised: new Promised(due));
            await db.SaveChangesAsync();
        }

        await App.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, "withdrawn")));
        App.Clock.Advance(TimeSpan.FromDays(3));
        await WatchAsync(App);
        var rows = await App.WithDbAsync(db => db.Promises.Where(p => p.CaseId == caseId && p.FollowsId == null).ToDictionaryAsync(p => p.Kind, p => p.State));
        Assert.Equal(PromiseState.Replaced, rows[PromiseKind.ExpectedDecision]);
        Assert.Equal(PromiseState.Late, rows[PromiseKind.ComplaintDecision]);
        var apologies = await App.WithDbAsync(db => db.Promises.Where(p => p.CaseId == caseId && p.FollowsId != null).Select(p => p.Kind).ToListAsync());
        Assert.DoesNotContain(PromiseKind.ExpectedDecision, apologies);
        Assert.Contains(PromiseKind.ComplaintDecision, apologies);
        Assert.Equal(apologies.Count, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == caseId && m.Template == PromiseCatalogue.ApologyTemplate)));
    }

    [Fact]
    public async Task The_silence_alarm_asks_for_an_update_after_21_days_not_after_20_and_one_action_sends_it()
    {
        var caseId = await App.FileReportAsync(TestBsn.Next());
        static bool Silent(HtmlPage page, Guid id) => page.Document.QuerySelector($"[data-testid=silent-cases] tr[data-case='{id}']") is not null;

        // Staff sign in after each jump of the clock (a session does not last for weeks).
        App.Clock.Advance(TimeSpan.FromDays(20));
        var early = await (await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff)).Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.NotNull(early.Document.QuerySelector("[data-testid=shown]"));
        Assert.False(Silent(early, caseId));
        App.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var worklist = await intake.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.True(Silent(worklist, caseId));

        // The manager's figure: the 90th percentile of days since the last message over open cases, as a direct count.
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var final = App.Services.GetRequiredService<Workflow.Definitions.WorkflowCatalog>().FinalStates;
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var waits = (await App.WithDbAsync(db => (from r in db.Reports
                                                  join i in db.WorkflowInstances on r.Id equals i.Id
                                                  where r.LastMessageAt != null && r.AnonymisedAt == null && !final.Contains(i.State)
                                                  select r.LastMessageAt!.Value).ToListAsync()))
            .Select(t => Math.Floor((now - t).TotalDays)).Order().ToList();
        var expected = waits[(int)Math.Ceiling(0.9 * waits.Count) - 1];
        var dashboard = await manager.Client.GetPageAsync("/backoffice/dashboard");
        Assert.Equal(expected.ToString("N0", new CultureInfo("nl-NL")), dashboard.Document.QuerySelector("[data-testid=promise-summary] [data-key=silence-p90]")?.TextContent.Trim());

        var sent = await intake.Client.PostFormAsync(worklist, $"/backoffice/meldingen/{caseId}/stand-van-zaken", formSelector: $"form[action='/backoffice/meldingen/{caseId}/stand-van-zaken']");
        Assert.Equal("/backoffice/werkvoorraad?melding=update", sent.Location?.OriginalString);
        var update = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "status_update"));
        var step = await App.StateAsync(caseId);
        Assert.Contains("Uw melding is nu in deze stap:", update.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wij verwachten het besluit ", update.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", update.TextBody, StringComparison.Ordinal);
        var promise = await App.WithDbAsync(db => db.Promises.SingleAsync(p => p.CaseId == caseId && p.Template == "status_update"));
        Assert.Equal(PromiseKind.ExpectedDecision, promise.Kind);
        Assert.Contains(promise.Due.ToString("d MMMM yyyy", new CultureInfo("nl-NL")), update.TextBody, StringComparison.Ordinal);
        Assert.False(Silent(await intake.Client.GetPageAsync("/backoffice/werkvoorraad"), caseId));

        // A second click (or a colleague's) sends nothing more.
        var again = await intake.Client.PostFormAsync(worklist, $"/backoffice/meldingen/{caseId}/stand-van-zaken", formSelector: $"form[action='/backoffice/meldingen/{caseId}/stand-van-zaken']");
        Assert.Equal("/backoffice/werkvoorraad?melding=update-niet-nodig", again.Location?.OriginalString);
        Assert.Equal(1, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == caseId && m.Template == "status_update")));
        Assert.NotEmpty(step);
    }

    [Fact]
    public async Task A_committee_members_silence_list_holds_their_own_silent_cases_read_by_the_state_kept_on_the_report()
    {
        static bool Silent(HtmlPage page, Guid id) => page.Document.QuerySelector($"[data-testid=silent-cases] tr[data-case='{id}']") is not null;
        Task<string?> Copy(Guid id) => App.WithDbAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.CaseState).SingleAsync());
        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        var member = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        var colleague = await StaffSession.SignInAsNewAsync(App, StaffRoles.CommitteeMember);
        async Task<Guid> RoutedToAsync(StaffSession assignee)
        {
            var bsn = TestBsn.Next();
            await App.AddToRegisterAsync(bsn);
            var caseId = await App.FileReportAsync(bsn);
            Assert.Equal("screening", await Copy(caseId)); // copied in the intake's save
            Assert.True((await intake.TakeAsync(caseId, "route_to_committee", D(("urgency", "High"), ("assignee", assignee.Account.Id)))).WasApplied());
            return caseId;
        }

        var mine = await RoutedToAsync(member);
        var theirs = await RoutedToAsync(colleague);
        Assert.Equal("with_committee", await App.StateAsync(mine));
        Assert.Equal("with_committee", await Copy(mine)); // and again in the step's save
        Assert.Equal("with_committee", await Copy(theirs));

        // Three weeks without a message (the committee step sends none): on the member's list only their own case.
        App.Clock.Advance(TimeSpan.FromDays(21) + TimeSpan.FromMinutes(1));
        var again = await StaffSession.SignInAsync(App, member.Account);
        var worklist = await again.Client.GetPageAsync("/backoffice/werkvoorraad");
        Assert.True(Silent(worklist, mine));
        Assert.False(Silent(worklist, theirs));

        // Withdrawn: the copy follows, the clock stops, the case leaves the list.
        var staff = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        Assert.True((await staff.TakeAsync(mine, "withdraw", note: "Op verzoek van de melder")).WasApplied());
        Assert.Equal("withdrawn", await Copy(mine));
        Assert.False(Silent(await again.Client.GetPageAsync("/backoffice/werkvoorraad"), mine));
    }

    [Fact]
    public async Task The_silence_clock_stops_in_the_save_that_brings_a_case_to_rest_and_the_report_keeps_everything_else()
    {
        var caseId = await App.FileReportAsync(TestBsn.Next());
        Task<DateTime?> Clock() => App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.LastMessageAt).SingleAsync());
        Assert.NotNull(await Clock());
        var before = await App.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == caseId));

        var intake = await StaffSession.SignInAsNewAsync(App, StaffRoles.IntakeStaff);
        Assert.True((await intake.TakeAsync(caseId, "withdraw", note: "Op verzoek van de melder")).WasApplied());

        Assert.Equal("withdrawn", await App.StateAsync(caseId));
        Assert.Null(await Clock()); // off the silence list's walk
        Assert.Equal("withdrawn", await App.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.CaseState).SingleAsync())); // the state's copy follows
        var after = await App.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == caseId));
        Assert.Equal(before.FullName, after.FullName); // only the clock was written
        Assert.Equal(before.Bsn, after.Bsn);
        Assert.Equal(before.ReferenceNumber, after.ReferenceNumber);
    }

    [Fact]
    public async Task A_callback_about_a_letter_is_due_in_two_working_days_done_by_customer_contact_and_counted_per_template()
    {
        var desk = await DecisionDesk.SignInAsync(App);
        var bsn = TestBsn.Next();
        await App.AddToRegisterAsync(bsn);
        var caseId = await App.FileReportAsync(bsn);
        await desk.DecideAsync(caseId, D(("adopts_advice", "yes")));
        var mail = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == caseId && m.Template == "decision_final"));
        var callbackLink = Regex.Match(mail.TextBody, @"https://localhost/mijn-melding/link/[A-Za-z0-9_-]+\?bericht=[0-9a-f]{32}").Value;
        Assert.EndsWith(mail.Id.ToString("N"), callbackLink, StringComparison.Ordinal);
        Assert.Contains("Vraag om een telefoontje over dit bericht", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Bel mij terug", PdfText.All(await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "decision_final").Select(l => l.Pdf).SingleAsync())), StringComparison.Ordinal);

        // The mail's link signs in and lands on the callback page with that mail chosen.
        var reporter = new ReporterSession(App);
        var page = await reporter.OpenAsync(callbackLink);
        Assert.Equal("checked", page.Document.QuerySelector($"input[name=About][value='{mail.Id:N}']")?.GetAttribute("checked") is null ? null : "checked");
        var empty = await reporter.Client.PostFormAsync(page, "/mijn-melding/terugbellen", new Dictionary<string, string?> { ["About"] = null, ["Phone"] = "12" }, formSelector: "form[data-testid=callback-form]");
        Assert.Equal(["Kies het bericht of de brief waarover u wilt praten, of kies 'Over iets anders'.", "Vul een telefoonnummer in met 10 tot 15 cijfers, zoals 06 12345678."], empty.ErrorSummaryTexts);
        Assert.False(await App.WithDbAsync(db => db.CallbackRequests.AnyAsync(c => c.CaseId == caseId)));

        // About the decision letter instead, in the afternoon.
        var letter = await App.WithDbAsync(db => db.CaseLetters.Where(l => l.CaseId == caseId && l.Template == "decision_final").Select(l => l.Id).SingleAsync());
        var sent = await reporter.Client.PostFormAsync(page, "/mijn-melding/terugbellen", new Dictionary<string, string?> { ["About"] = letter.ToString("N"), ["PartOfDay"] = "Afternoon", ["Phone"] = "06 87654321" }, formSelector: "form[data-testid=callback-form]");
        Assert.Equal("/mijn-melding/terugbellen?verstuurd=true", sent.Location?.OriginalString);
        var request = await App.WithDbAsync(db => db.CallbackRequests.SingleAsync(c => c.CaseId == caseId));
        Assert.Equal(("decision_final", new DateOnly(2026, 11, 25), Web.Reports.ContactTime.Afternoon, letter), (request.Template, request.DueOn, request.PartOfDay, request.MessageId));
        var promise = await App.WithDbAsync(db => db.Promises.SingleAsync(p => p.Id == request.PromiseId));
        Assert.Equal((PromiseKind.CallBack, new DateOnly(2026, 11, 25), PromiseState.Open, StaffRoles.CustomerContact), (promise.Kind, promise.Due, promise.State, promise.OwnerRole));
        Assert.Contains("woensdag 25 november 2026", (await reporter.Client.GetPageAsync("/mijn-melding/terugbellen")).Document.QuerySelector("[data-testid=callback-open]")!.TextContent, StringComparison.Ordinal);

        // Customer contact: on the worklist; not reached leaves it open; reached closes it and keeps the promise.
        var contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        Assert.NotNull((await contact.Client.GetPageAsync("/backoffice/werkvoorraad")).Document.QuerySelector($"[data-testid=callbacks] tr[data-case='{caseId}']"));
        var task = await contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/terugbellen");
        Assert.Contains("06 87654321", task.Document.QuerySelector("[data-testid=callback]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/backoffice/werkvoorraad?melding=niet-bereikt", (await contact.Client.PostFormAsync(task, $"/backoffice/meldingen/{caseId}/terugbellen", new Dictionary<string, string?> { ["reached"] = "false" })).Location?.OriginalString);
        var tried = await App.WithDbAsync(db => db.CallbackRequests.SingleAsync(c => c.Id == request.Id));
        Assert.Equal((1, (DateTime?)null), (tried.Attempts, tried.DoneAt));
        App.Clock.Advance(TimeSpan.FromDays(1));
        contact = await StaffSession.SignInAsNewAsync(App, StaffRoles.CustomerContact);
        task = await contact.Client.GetPageAsync($"/backoffice/meldingen/{caseId}/terugbellen");
        Assert.Equal("/backoffice/werkvoorraad?melding=teruggebeld", (await contact.Client.PostFormAsync(task, $"/backoffice/meldingen/{caseId}/terugbellen", new Dictionary<string, string?> { ["reached"] = "true" })).Location?.OriginalString);
        Assert.Equal(PromiseState.Kept, (await App.WithDbAsync(db => db.Promises.SingleAsync(p => p.Id == request.PromiseId))).State);
        Assert.Null((await contact.Client.GetPageAsync("/backoffice/werkvoorraad")).Document.QuerySelector($"[data-testid=callbacks] tr[data-case='{caseId}']"));

        // The managers' share per template is a direct count.
        var manager = await StaffSession.SignInAsNewAsync(App, StaffRoles.Manager);
        var dashboard = await manager.Client.GetPageAsync("/backoffice/dashboard?van=2026-11-01&tot=2026-11-30");
        var (from, to) = (new DateTime(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc));
        var messages = await App.WithDbAsync(async db => await db.OutboxMessages.CountAsync(m => m.CaseId != null && m.Template == "decision_final" && m.CreatedAt >= from && m.CreatedAt < to)
            + await db.CaseLetters.CountAsync(l => l.Template == "decision_final" && l.Delivery != LetterDelivery.Online && l.CreatedAt >= from && l.CreatedAt < to));
        var requests = await App.WithDbAsync(db => db.CallbackRequests.CountAsync(c => c.Template == "decision_final" && c.RequestedAt >= from && c.RequestedAt < to));
        var cells = dashboard.Document.QuerySelectorAll("[data-testid=callback-shares] tr[data-key=decision_final] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal((messages.ToString(CultureInfo.InvariantCulture), requests.ToString(CultureInfo.InvariantCulture)), (cells[1], cells[2]));
    }

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}

public sealed class PromiseTestsOnSqlite(SqliteAppFactory app) : PromiseTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PromiseTestsOnPostgres(PostgresAppFactory app) : PromiseTests(app), IClassFixture<PostgresAppFactory>;
