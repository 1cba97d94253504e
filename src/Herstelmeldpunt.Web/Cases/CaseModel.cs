using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Lists;
using Herstelmeldpunt.Web.Cases.Terms;
using Herstelmeldpunt.Web.Cases.Views;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Cases;

/// <summary>How the database keeps the case process: the workflow engine's instances, journal and timers, the advice, deadlines, notes, estimates, saved filters and follow-up calls (part of <see cref="AppDbContext"/>'s model; the migrations' drift test keeps it equal to the migrations).</summary>
internal static class CaseModel
{
    public static void Map(ModelBuilder modelBuilder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // The workflow engine's data. The instance id is the report id; Version is the concurrency
        // token, so of two transitions racing on one case exactly one is stored.
        var instance = modelBuilder.Entity<WorkflowInstance>();
        instance.ToTable("WorkflowInstances");
        instance.HasKey(i => i.Id);
        instance.Property(i => i.DefinitionId).HasMaxLength(50);
        instance.Property(i => i.State).HasMaxLength(50);
        instance.Property(i => i.Version).IsConcurrencyToken();
        instance.Property(i => i.AssigneeId).HasMaxLength(450);
        instance.HasIndex(i => new { i.State, i.StateEnteredAt }); // lists by state; retention finds final states past their period
        instance.HasIndex(i => i.AssigneeId);
        // "Changed since" (the API's case list and status export): at 1M reports a poll for the last hour walked every
        // report in receipt order (1.6 s); with this index PostgreSQL reads the few changed cases first (16 ms).
        instance.HasIndex(i => i.StateEnteredAt);

        var journal = modelBuilder.Entity<WorkflowJournalEntry>();
        journal.ToTable("WorkflowJournal");
        journal.HasKey(j => j.Id);
        journal.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique();
        journal.HasIndex(j => j.At); // dashboard throughput and forecast
        journal.Property(j => j.ActorId).HasMaxLength(450);
        journal.Property(j => j.ActorName).HasMaxLength(FieldLimits.Name);
        journal.Property(j => j.Role).HasMaxLength(50);
        journal.Property(j => j.Transition).HasMaxLength(50);
        journal.Property(j => j.FromState).HasMaxLength(50);
        journal.Property(j => j.ToState).HasMaxLength(50);
        journal.Property(j => j.Note).Encrypted(cipher);
        journal.Property(j => j.DataJson).Encrypted(cipher);
        journal.Property(j => j.DefinitionId).HasMaxLength(50);

        var timer = modelBuilder.Entity<WorkflowTimer>();
        timer.ToTable("WorkflowTimers");
        timer.HasKey(t => t.Id);
        timer.Property(t => t.State).HasMaxLength(50);
        timer.Property(t => t.Name).HasMaxLength(50);
        timer.Property(t => t.FiresAction).HasMaxLength(50);
        timer.Property(t => t.FiresWith).HasMaxLength(100);
        timer.HasIndex(t => new { t.InstanceId, t.State });
        // The sweep reads only pending timers; fired and cancelled ones (most rows, over time) are not in it.
        timer.HasIndex(t => t.DueAt).HasDatabaseName("IX_WorkflowTimers_Pending").HasFilter(AppDbContext.PendingTimerFilter);
        // "Overdue": the escalated deadline of a case's current step. The lists ask it per row and as a filter; without
        // this index PostgreSQL hashed every escalated timer ever fired (330,000 at 1M reports: 135 ms per page).
        timer.HasIndex(t => new { t.InstanceId, t.State }, "IX_WorkflowTimers_Escalated").HasFilter(AppDbContext.EscalatedTimerFilter);

        var advice = modelBuilder.Entity<Advice>();
        advice.ToTable("Advices");
        advice.HasKey(a => a.Id);
        advice.Ignore(a => a.IsComplete);
        advice.Property(a => a.AuthorId).HasMaxLength(450);
        advice.Property(a => a.Compensation).HasConversion<string>().HasMaxLength(20);
        advice.Property(a => a.CompensationAmount).HasPrecision(12, 2);
        advice.Property(a => a.CompensationDetails).Encrypted(cipher);
        advice.Property(a => a.CompensationReasons).Encrypted(cipher);
        advice.Property(a => a.NoAdditionalHelpReasons).Encrypted(cipher);
        advice.Property(a => a.ForThePerson).Encrypted(cipher);
        advice.HasMany(a => a.Measures).WithOne().HasForeignKey(m => m.AdviceId).OnDelete(DeleteBehavior.Cascade);
        advice.HasMany(a => a.Contributors).WithOne().HasForeignKey(c => c.AdviceId).OnDelete(DeleteBehavior.Cascade);

        var contributor = modelBuilder.Entity<AdviceContributor>();
        contributor.ToTable("AdviceContributors");
        contributor.HasKey(c => new { c.AdviceId, c.UserId });
        contributor.Property(c => c.UserId).HasMaxLength(450);

        var measure = modelBuilder.Entity<RecoveryMeasure>();
        measure.ToTable("RecoveryMeasures");
        measure.HasKey(m => m.Id);
        measure.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        measure.Property(m => m.Reasons).Encrypted(cipher);

        var deadline = modelBuilder.Entity<CaseDeadline>();
        deadline.ToTable("CaseDeadlines");
        deadline.HasKey(d => d.CaseId);
        deadline.Ignore(d => d.IsSuspended);
        deadline.Property(d => d.ExtensionReason).HasMaxLength(1000);
        deadline.Property(d => d.ExtendedBy).HasMaxLength(FieldLimits.Name);
        deadline.HasIndex(d => d.DecidedOn);
        deadline.HasIndex(d => d.DueOn);

        var note = modelBuilder.Entity<CaseNote>();
        note.ToTable("CaseNotes");
        note.HasKey(n => n.Id);
        note.HasIndex(n => new { n.CaseId, n.At });
        note.Property(n => n.AuthorId).HasMaxLength(450);
        note.Property(n => n.AuthorName).HasMaxLength(FieldLimits.Name);
        note.Property(n => n.Text).Encrypted(cipher);

        var estimate = modelBuilder.Entity<ReporterEstimate>();
        estimate.ToTable("ReporterEstimates");
        estimate.HasKey(e => e.CaseId);
        estimate.HasIndex(e => e.ExpectedLate).HasDatabaseName("IX_ReporterEstimates_ExpectedLate").HasFilter("\"ExpectedLate\""); // the manager's count of cases expected past their term

        var saved = modelBuilder.Entity<SavedFilter>();
        saved.ToTable("SavedFilters");
        saved.HasKey(f => f.Id);
        saved.HasIndex(f => new { f.UserId, f.Page });
        saved.Property(f => f.UserId).HasMaxLength(450);
        saved.Property(f => f.Page).HasMaxLength(100);
        saved.Property(f => f.Name).HasMaxLength(SavedFilter.NameLength);
        saved.Property(f => f.Link).HasMaxLength(1000);

        var call = modelBuilder.Entity<FollowUpCall>();
        call.ToTable("FollowUpCalls");
        call.HasKey(c => c.Id);
        call.HasIndex(c => new { c.CaseId, c.Attempt }).IsUnique();
        call.Property(c => c.CalledById).HasMaxLength(450);
        call.Property(c => c.Comments).Encrypted(cipher);

        // Hearing the person on a proposed decision (v5): a round per proposal, the points they raised and the answers.
        var view = modelBuilder.Entity<DecisionView>();
        view.ToTable("DecisionViews");
        view.HasKey(v => v.Id);
        view.HasIndex(v => new { v.CaseId, v.ProposalSequence }).IsUnique();
        view.Property(v => v.Response).HasConversion<string>().HasMaxLength(20);
        view.HasMany(v => v.Points).WithOne().HasForeignKey(p => p.ViewId).OnDelete(DeleteBehavior.Cascade);

        var point = modelBuilder.Entity<DecisionViewPoint>();
        point.ToTable("DecisionViewPoints");
        point.HasKey(p => p.Id);
        point.HasIndex(p => new { p.ViewId, p.Number }).IsUnique();
        point.Property(p => p.Text).Encrypted(cipher);
        point.Property(p => p.Answer).Encrypted(cipher);
        point.Property(p => p.AnsweredById).HasMaxLength(450);

        // "My situation got worse": a re-triage task per case while open; the open ones are intake's list, by due day.
        var worse = modelBuilder.Entity<Retriage.SituationReport>();
        worse.ToTable("SituationReports");
        worse.HasKey(w => w.Id);
        worse.HasIndex(w => new { w.CaseId, w.LastReportedAt });
        worse.HasIndex(w => w.DueOn).HasDatabaseName("IX_SituationReports_Open").HasFilter("\"HandledAt\" IS NULL");
        worse.Property(w => w.Areas).HasConversion<int>();
        worse.Property(w => w.Text).Encrypted(cipher);
        worse.Property(w => w.KeptReason).Encrypted(cipher);
        worse.Property(w => w.ReportedBy).HasMaxLength(FieldLimits.Name);
        worse.Property(w => w.HandledById).HasMaxLength(450);
        worse.Property(w => w.UrgencyBefore).HasConversion<int?>();
        worse.Property(w => w.UrgencyAfter).HasConversion<int?>();

        // Conversations booked by the person: a slot is free while CaseId is null; past bookings stay as the day's record.
        var slot = modelBuilder.Entity<Bookings.ConversationSlot>();
        slot.ToTable("ConversationSlots");
        slot.HasKey(s => s.Id);
        slot.Ignore(s => s.EndsAt);
        slot.Property(s => s.StaffUserId).HasMaxLength(450);
        slot.Property(s => s.Mode).HasConversion<string>().HasMaxLength(20);
        slot.Property(s => s.Purpose).HasConversion<string>().HasMaxLength(30);
        slot.Property(s => s.Location).HasMaxLength(300);
        slot.Property(s => s.ManageTokenHash).HasMaxLength(64);
        slot.HasIndex(s => new { s.CaseId, s.StartsAt }).HasFilter("\"CaseId\" IS NOT NULL");
        slot.HasIndex(s => new { s.Purpose, s.StartsAt }).HasDatabaseName("IX_ConversationSlots_Free").HasFilter("\"CaseId\" IS NULL");
        slot.HasIndex(s => new { s.StaffUserId, s.StartsAt });
        slot.HasIndex(s => s.StartsAt).HasDatabaseName("IX_ConversationSlots_Booked").HasFilter("\"CaseId\" IS NOT NULL");
        slot.HasIndex(s => s.ManageTokenHash).IsUnique().HasFilter("\"ManageTokenHash\" IS NOT NULL");

        // Objections filed online or by staff (v6): the latest per case is the one being handled.
        var objection = modelBuilder.Entity<Objections.Objection>();
        objection.ToTable("Objections");
        objection.HasKey(o => o.Id);
        objection.HasIndex(o => new { o.CaseId, o.RegisteredAt });
        objection.Ignore(o => o.HearingOpen);
        objection.Property(o => o.FiledBy).HasMaxLength(FieldLimits.Name);
        objection.Property(o => o.Grounds).Encrypted(cipher);
        objection.Property(o => o.RepresentativeName).Encrypted(cipher);
        objection.Property(o => o.RepresentativeContact).Encrypted(cipher);
        objection.Property(o => o.LateReason).Encrypted(cipher);
        objection.Property(o => o.LatenessReasons).Encrypted(cipher);
        objection.Property(o => o.HearingReport).Encrypted(cipher);
        objection.Property(o => o.HearingRecordedById).HasMaxLength(450);

        // The promise ledger: the watch reads the open ones by day, the worklists the late ones not done, Mijn melding a case's.
        var promise = modelBuilder.Entity<Promises.Promise>();
        promise.ToTable("Promises");
        promise.HasKey(p => p.Id);
        promise.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
        promise.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        promise.Property(p => p.Template).HasMaxLength(60);
        promise.Property(p => p.OwnerRole).HasMaxLength(40);
        promise.Property(p => p.OwnerId).HasMaxLength(450);
        promise.HasIndex(p => new { p.CaseId, p.Kind });
        promise.HasIndex(p => p.Due).HasDatabaseName("IX_Promises_Open").HasFilter("\"State\" = 'Open'");
        // Late promises not done, per owner role and per owner, in the worklist's order (PromiseWorklist.LateAsync). No index on
        // the due date alone: the planner took it for a role without late promises and read all of them.
        promise.HasIndex(p => new { p.OwnerRole, p.Due, p.Id }, "IX_Promises_LateNotDone_Role").HasFilter("\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");
        promise.HasIndex(p => new { p.OwnerId, p.Due, p.Id }, "IX_Promises_LateNotDone_Owner").HasFilter("\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");
        promise.HasIndex(p => p.Due).HasDatabaseName("IX_Promises_Due");

        var callback = modelBuilder.Entity<Promises.CallbackRequest>();
        callback.ToTable("CallbackRequests");
        callback.HasKey(c => c.Id);
        callback.Property(c => c.Template).HasMaxLength(60);
        callback.Property(c => c.DoneById).HasMaxLength(450);
        callback.Property(c => c.Phone).Encrypted(cipher);
        callback.HasIndex(c => c.CaseId);
        callback.HasIndex(c => c.DueOn).HasDatabaseName("IX_CallbackRequests_Open").HasFilter("\"DoneAt\" IS NULL");
        callback.HasIndex(c => new { c.RequestedAt, c.Template });

        // Complaints (Awb chapter 9): the officer's list is the open ones by due day; the register counts per year.
        var complaint = modelBuilder.Entity<Complaints.Complaint>();
        complaint.ToTable("Complaints");
        complaint.HasKey(c => c.Id);
        complaint.HasIndex(c => c.CaseId);
        complaint.HasIndex(c => c.DueOn).HasDatabaseName("IX_Complaints_Open").HasFilter("\"DecidedAt\" IS NULL");
        complaint.HasIndex(c => c.ReceivedOn);
        complaint.Property(c => c.Subject).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.FiledBy).HasMaxLength(FieldLimits.Name);
        complaint.Property(c => c.OfficerId).HasMaxLength(450);
        complaint.Property(c => c.OfficerName).HasMaxLength(FieldLimits.Name);
        complaint.Property(c => c.Text).Encrypted(cipher);
        complaint.Property(c => c.ExtensionReason).Encrypted(cipher);
        complaint.Property(c => c.HearingReport).Encrypted(cipher);
        complaint.Property(c => c.Decision).Encrypted(cipher);
    }
}
