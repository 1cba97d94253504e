using System.Text.Json;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Letters;
using Herstelmeldpunt.Web.Management;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herstelmeldpunt.Web.Tests.Audit;

/// <summary>The daily retention run on a fake clock: what goes, what stays for the figures, each case once, and the floor.</summary>
public abstract class RetentionTests
{
    private const string Description = "Mijn uitkering stopte na de herbeoordeling en ik slaap slecht.";

    protected abstract AppFactory NewApp();

    private AppFactory App(int days = 365)
    {
        var app = NewApp();
        app.Settings["Retention:ClosedDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Retention:WithdrawnDays"] = "400";
        app.Settings["Retention:OutsideTargetGroupDays"] = "500";
        app.Settings["Retention:BatchSize"] = "2"; // several batches in one run
        return app;
    }

    /// <summary>A report with personal data in every place it can be, then closed now (on the app's clock).</summary>
    private static async Task<(Guid Id, string Bsn, string Name)> ClosedCaseWithEverythingAsync(AppFactory app, StaffSession intake)
    {
        var bsn = TestBsn.Next();
        var name = "Retentie " + bsn;
        var caseId = await app.FileReportAsync(bsn, name);
        Assert.True((await intake.TakeAsync(caseId, "request_information", new Dictionary<string, string?> { ["question"] = "Hoe gaat het met uw gezondheid, " + name + "?", ["answer_by"] = "2026-12-07" })).WasApplied());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Herstelmeldpunt.Web.Data.AppDbContext>();
            var now = app.Clock.GetUtcNow();
            db.Set<CaseNote>().Add(new CaseNote { Id = Guid.NewGuid(), CaseId = caseId, AuthorId = intake.Account.Id, AuthorName = "Test", At = now.UtcDateTime, Text = "Gebeld met " + name });
            db.CaseLetters.Add(new CaseLetter { Id = Guid.NewGuid(), CaseId = caseId, IdempotencyKey = "retention-test:" + caseId, Template = "receipt", Subject = "Ontvangen", CreatedAt = now.UtcDateTime, Pdf = [1, 2, 3], Sha256 = "x", Pages = 1 });
            db.FollowUpCalls.Add(new FollowUpCall { Id = Guid.NewGuid(), CaseId = caseId, Attempt = 1, ScheduledFor = now.UtcDateTime, CalledAt = now.UtcDateTime, Reached = true, Satisfaction = 4, SatisfiedWithProvision = true, ActionNeeded = false, Comments = "Vertelde over " + name });
            var store = scope.ServiceProvider.GetRequiredService<DocumentStore>();
            await store.WriteAsync(caseId, [new CheckedFile(IncomingFile.FromBytes("brief.pdf", "%PDF-1.4 "u8.ToArray()), FileKind.Pdf)], "reporter", null, CancellationToken.None);
            await db.SaveChangesAsync();
            await db.WorkflowInstances.Where(i => i.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, CaseVocabulary.States.Closed).SetProperty(i => i.StateEnteredAt, now.UtcDateTime));
        }

        return (caseId, bsn, name);
    }

    private static async Task<int> RunAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(CancellationToken.None);
    }

    private static async Task<string> FiguresAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var today = Herstelmeldpunt.Web.Common.AmsterdamTime.Today(app.Clock);
        var figures = await scope.ServiceProvider.GetRequiredService<Dashboard>().FiguresAsync(new Period(today.AddYears(-3), today), CancellationToken.None);
        // The share of callbacks per template counts the messages still in the outbox, which retention removes with the
        // case's mail (they carry addresses): an operational figure over recent mail, not one that must outlive retention.
        return JsonSerializer.Serialize(figures with { Promises = figures.Promises! with { Callbacks = [] } });
    }

    [Fact]
    public async Task A_case_closed_366_days_ago_is_anonymised_and_one_closed_364_days_ago_is_untouched()
    {
        await using var app = App();
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        var old = await ClosedCaseWithEverythingAsync(app, intake);
        var openBsn = TestBsn.Next();
        var open = await app.FileReportAsync(openBsn, "Open " + openBsn); // still being handled: never touched
        app.Clock.Advance(TimeSpan.FromDays(2));
        intake = await StaffSession.SignInAsync(app, intake.Account); // two days later: a new session
        var young = await ClosedCaseWithEverythingAsync(app, intake);
        var documentFile = await app.WithDbAsync(db => db.CaseDocuments.Where(d => d.CaseId == old.Id).Select(d => d.Id).SingleAsync());
        var folder = app.Services.CreateScope().ServiceProvider.GetRequiredService<DocumentStore>().Folder;
        Assert.True(File.Exists(Path.Combine(folder, documentFile.ToString("N"))));

        app.Clock.Advance(TimeSpan.FromDays(364)); // the old case closed 366 days ago, the young one 364
        var figuresBefore = await FiguresAsync(app);
        Assert.Equal(1, await RunAsync(app));

        // The old case: no BSN, names, contact details, address, free text, documents, letters, mails or links.
        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == old.Id));
        Assert.NotNull(report.AnonymisedAt);
        Assert.Equal((string.Empty, string.Empty, string.Empty, DateOnly.MinValue), (report.FullName, report.Bsn, report.Description, report.DateOfBirth));
        Assert.All(new[] { report.Email, report.Phone, report.AddressStreet, report.AddressPostcode, report.AddressCity, report.RepresentativeName, report.RepresentativeEmail }, Assert.Null);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.CaseId == old.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.CaseLetters.CountAsync(l => l.CaseId == old.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == old.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == old.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ReporterAccessTokens.CountAsync(t => t.ReportId == old.Id)));
        Assert.False(File.Exists(Path.Combine(folder, documentFile.ToString("N"))));
        Assert.All(await app.WithDbAsync(db => db.WorkflowJournal.Where(j => j.InstanceId == old.Id).ToListAsync()), j => Assert.Equal((null, null), (j.Note, j.DataJson)));
        var call = await app.WithDbAsync(db => db.FollowUpCalls.SingleAsync(c => c.CaseId == old.Id));
        Assert.Equal((4, (string?)null), (call.Satisfaction, call.Comments)); // the score counts; the story goes

        // Figures are the same; the younger and the open case are untouched; one deletion-log row without personal data.
        Assert.Equal(figuresBefore, await FiguresAsync(app));
        var untouched = await app.WithDbAsync(db => db.Reports.AsNoTracking().Where(r => r.Id == young.Id || r.Id == open).ToListAsync());
        Assert.All(untouched, r => Assert.Null(r.AnonymisedAt));
        Assert.Equal(young.Bsn, untouched.Single(r => r.Id == young.Id).Bsn);
        Assert.Equal(Description, untouched.Single(r => r.Id == young.Id).Description);
        Assert.Equal(1, await app.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == young.Id)));
        var logged = Assert.Single(await app.WithDbAsync(db => db.DeletionLog.ToListAsync()));
        Assert.Equal((old.Id, report.ReferenceNumber, CaseVocabulary.States.Closed, 365), (logged.CaseId, logged.ReferenceNumber, logged.FinalState, logged.RetentionDays));
        Assert.Equal("documents=1; letters=1; notes=1; mails=2", logged.Removed); // the receipt and the question
        Assert.DoesNotContain(old.Bsn, JsonSerializer.Serialize(logged), StringComparison.Ordinal);
        Assert.DoesNotContain(old.Name, JsonSerializer.Serialize(logged), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(old.Bsn, StringComparison.Ordinal) || l.Contains(old.Name, StringComparison.Ordinal));

        // Staff see that the case was anonymised, and nothing of the person.
        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var page = await manager.Client.GetPageAsync($"/backoffice/meldingen/{old.Id}");
        Assert.NotNull(page.Document.QuerySelector("[data-testid=anonymised]"));
        Assert.DoesNotContain(old.Name, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Description, page.Html, StringComparison.Ordinal);

        // The next day the younger one is past its period; the old one is not done twice.
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));
        Assert.Equal(2, await app.WithDbAsync(db => db.DeletionLog.CountAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Reports.Where(r => r.Id == open).Select(r => r.AnonymisedAt).SingleAsync()));
    }

    [Fact]
    public async Task Receipt_caps_are_kept_a_day_and_then_removed()
    {
        await using var app = App();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            db.AddRange(new Web.Intake.ReceiptMailCap { AddressHash = "oud", LastQueuedAt = now.AddHours(-25) }, new Web.Intake.ReceiptMailCap { AddressHash = "vers", LastQueuedAt = now.AddHours(-23) });
            return await db.SaveChangesAsync();
        });

        await RunAsync(app);

        Assert.Equal(["vers"], await app.WithDbAsync(db => db.Set<Web.Intake.ReceiptMailCap>().Select(c => c.AddressHash).ToListAsync()));
    }

    [Fact]
    public async Task A_person_in_the_target_group_whose_case_was_anonymised_still_counts_as_reported()
    {
        await using var app = App();
        var bsn = TestBsn.Next();
        await app.AddToRegisterAsync(bsn);
        var caseId = await app.FileReportAsync(bsn);
        await app.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, CaseVocabulary.States.Closed).SetProperty(i => i.StateEnteredAt, app.Clock.GetUtcNow().UtcDateTime)));
        app.Clock.Advance(TimeSpan.FromDays(366));

        Assert.Equal(1, await RunAsync(app));

        Assert.NotNull(await app.WithDbAsync(db => db.Reports.Where(r => r.Id == caseId).Select(r => r.AnonymisedAt).SingleAsync()));
        Assert.NotNull(await app.WithDbAsync(db => db.TargetGroupMembers.Where(m => m.BsnHash == db.Cipher.BsnHash(bsn)).Select(m => m.ReportedAt).SingleAsync()));
        var manager = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        var notReported = await manager.Client.GetPageAsync("/backoffice/doelgroep/niet-gemeld");
        Assert.DoesNotContain(CaseSteps.DefaultName(bsn), notReported.Html, StringComparison.Ordinal); // no letter "you have not reported yet"
    }

    [Fact]
    public async Task Many_cases_are_anonymised_in_batches_each_once_and_the_deletion_log_cannot_be_changed()
    {
        await using var app = App();
        var seeded = await CaseSeed.AddAsync(app, 7, randomSeed: 13, "Batch", i => i % 2 == 0 ? CaseVocabulary.States.Closed : CaseVocabulary.States.Withdrawn);
        app.Clock.Advance(TimeSpan.FromDays(401)); // past the closed period (365) and the withdrawn one (400)
        Assert.Equal(7, await RunAsync(app));
        Assert.Equal(seeded.Select(s => s.Id).Order(), (await app.WithDbAsync(db => db.DeletionLog.Select(d => d.CaseId).ToListAsync())).Order());
        Assert.Equal([(CaseVocabulary.States.Closed, 365), (CaseVocabulary.States.Withdrawn, 400)],
            (await app.WithDbAsync(db => db.DeletionLog.Select(d => new { d.FinalState, d.RetentionDays }).Distinct().ToListAsync())).Select(d => (d.FinalState, d.RetentionDays)).Order());

        var any = seeded[0].Id;
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.DeletionLog.Where(d => d.CaseId == any).ExecuteUpdateAsync(s => s.SetProperty(d => d.Removed, "niets"))));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.DeletionLog.Where(d => d.CaseId == any).ExecuteDeleteAsync()));
        Assert.Equal(7, await app.WithDbAsync(db => db.DeletionLog.CountAsync()));
    }

    [Theory]
    [InlineData("Retention:ClosedDays", "30")]
    [InlineData("Retention:WithdrawnDays", "364")]
    [InlineData("Retention:OutsideTargetGroupDays", "0")]
    public void A_period_below_the_floor_stops_the_app_at_start_up_naming_the_setting(string setting, string days)
    {
        using var app = NewApp();
        app.Settings[setting] = days;
        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(setting, refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("365", refused.ToString(), StringComparison.Ordinal);
    }
}

public sealed class RetentionTestsOnSqlite : RetentionTests
{
    protected override AppFactory NewApp() => new SqliteAppFactory();
}

public sealed class RetentionTestsOnPostgres : RetentionTests
{
    protected override AppFactory NewApp() => new PostgresAppFactory();
}
