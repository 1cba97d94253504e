using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.TargetGroup;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Herstelmeldpunt.Web.Data;

/// <summary>
/// The application database, on SQLite (embedded default) or PostgreSQL. The schema is defined here
/// and in the hand-written migrations under Data/Migrations; a test keeps the two equal on both providers.
/// Personal data is encrypted on its way in and decrypted on its way out (<see cref="FieldCipher"/>; the
/// properties are marked with <c>Encrypted()</c> below); the keyed hashes beside it are set on save.
/// </summary>
public class AppDbContext : IdentityDbContext<StaffUser>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    private readonly FieldCipher cipher;

    /// <summary>The model without a provider's migrations (queries, tools); the app runs one of the provider subclasses (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).</summary>
    /// <param name="options">Built with <see cref="CipherInOptions.UseFieldCipher(DbContextOptionsBuilder, FieldCipher)"/>: the cipher travels in the options, so the app can pool its contexts.</param>
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : this((DbContextOptions)options)
    {
    }

    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
        cipher = CipherInOptions.Of(options);
    }

    public FieldCipher Cipher => cipher;

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<TargetGroupMember> TargetGroupMembers => Set<TargetGroupMember>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();

    public DbSet<WorkflowJournalEntry> WorkflowJournal => Set<WorkflowJournalEntry>();

    public DbSet<WorkflowTimer> WorkflowTimers => Set<WorkflowTimer>();

    public DbSet<Advice> Advices => Set<Advice>();

    public DbSet<FollowUpCall> FollowUpCalls => Set<FollowUpCall>();

    public DbSet<Reporters.ReporterAccessToken> ReporterAccessTokens => Set<Reporters.ReporterAccessToken>();

    public DbSet<Documents.CaseDocument> CaseDocuments => Set<Documents.CaseDocument>();

    public DbSet<Reporters.CaseEvent> CaseEvents => Set<Reporters.CaseEvent>();

    public DbSet<Letters.CaseLetter> CaseLetters => Set<Letters.CaseLetter>();

    public DbSet<SavedFilter> SavedFilters => Set<SavedFilter>();

    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    public DbSet<DeletionLogEntry> DeletionLog => Set<DeletionLogEntry>();

    /// <summary>The data-protection key ring, shared by every app node (cookies and form tokens of one node are read by another).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    // Other rooms add to a save through the save interceptors they register (the API: its webhook events, ADR 0025).
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        SearchHashes.Update(this, cipher);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        SearchHashes.Update(this, cipher);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in this model is a UTC instant. SQLite hands back Unspecified; mark it as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder); // Identity tables
        var modelBuilder = builder;
        modelBuilder.Entity<StaffUser>().Property(u => u.DisplayName).HasMaxLength(FieldLimits.Name);
        modelBuilder.Entity<StaffUser>().Property(u => u.Language).HasMaxLength(5);

        var report = modelBuilder.Entity<Report>();
        report.ToTable("Reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.ReferenceNumber).HasMaxLength(ReferenceNumber.FormattedLength).IsRequired();
        report.HasIndex(r => r.ReferenceNumber).IsUnique();
        report.HasIndex(r => r.IdempotencyKey).IsUnique();
        report.HasIndex(r => r.BsnHash); // BSN search, duplicates, the register
        report.HasIndex(r => new { r.Urgency, r.ReceivedAt });
        report.HasIndex(r => r.ReceivedAt); // dashboard periods
        if (Database.IsNpgsql())
        {
            // Search by name words (LIKE '% hash %' on the keyed word hashes) at a million reports: a trigram index (pg_trgm).
            modelBuilder.HasPostgresExtension("pg_trgm");
            report.HasIndex(r => r.NameIndex).HasMethod("gin").HasOperators("gin_trgm_ops");
        }

        // The case list's order and keyset position: most urgent first, then oldest, then id.
        report.HasIndex(r => new { r.Urgency, r.ReceivedAt, r.Id }).IsDescending(true, false, false).HasDatabaseName("IX_Reports_Queue");
        report.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Urgency).HasConversion<int>();
        report.Property(r => r.PreferredChannel).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.PreferredTime).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Language).HasMaxLength(5);
        report.Property(r => r.FullName).Encrypted(cipher);
        report.Property(r => r.Bsn).Encrypted(cipher);
        report.Property(r => r.Email).Encrypted(cipher);
        report.Property(r => r.Phone).Encrypted(cipher);
        report.Property(r => r.AddressStreet).Encrypted(cipher);
        report.Property(r => r.AddressPostcode).Encrypted(cipher);
        report.Property(r => r.AddressCity).Encrypted(cipher);
        report.Ignore(r => r.HasPostalAddress);
        report.Property(r => r.BsnHash).HasMaxLength(64);
        report.Property(r => r.RepresentativeName).Encrypted(cipher);
        report.Property(r => r.RepresentativeRelation).Encrypted(cipher);
        report.Property(r => r.RepresentativeEmail).Encrypted(cipher);
        report.Property(r => r.RepresentativePhone).Encrypted(cipher);
        report.Property(r => r.Description).Encrypted(cipher);
        report.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.StaffReason).Encrypted(cipher);
        // Plain indexed columns, no foreign keys: SQLite cannot add a foreign key to an existing table
        // without a rebuild (docs/adr/0002). Staff accounts and reports are never deleted.
        report.Property(r => r.CreatedByUserId).HasMaxLength(450);
        report.HasIndex(r => r.CreatedByUserId);
        report.HasIndex(r => r.DuplicateOfReportId);

        var member = modelBuilder.Entity<TargetGroupMember>();
        member.ToTable("TargetGroupMembers");
        member.HasKey(m => m.Id);
        member.Property(m => m.Bsn).Encrypted(cipher);
        member.Property(m => m.BsnHash).HasMaxLength(64);
        member.HasIndex(m => m.BsnHash).IsUnique().HasFilter("\"BsnHash\" <> ''"); // one member per BSN (rows of an older database get their hash at start-up)
        member.Property(m => m.FullName).Encrypted(cipher);
        member.Property(m => m.BenefitType).HasConversion<string>().HasMaxLength(10);
        member.Property(m => m.Team).HasMaxLength(FieldLimits.Team);
        member.Property(m => m.AddressStreet).Encrypted(cipher);
        member.Property(m => m.AddressPostcode).Encrypted(cipher);
        member.Property(m => m.AddressCity).Encrypted(cipher);
        member.HasIndex(m => new { m.ReassessmentDate, m.Id }); // the letters, longest ago re-assessed first
        member.HasIndex(m => new { m.ReassessmentDate, m.Id }, "IX_TargetGroupMembers_NotReported").HasFilter("\"ReportedAt\" IS NULL"); // who has not reported: count and list

        var audit = modelBuilder.Entity<AuditEntry>();
        audit.ToTable("AuditEntries");
        audit.HasKey(a => a.Id);
        audit.Property(a => a.ActorUserId).HasMaxLength(450);
        audit.Property(a => a.ActorName).HasMaxLength(FieldLimits.Name);
        audit.Property(a => a.Action).HasMaxLength(50);
        audit.Property(a => a.Subject).HasMaxLength(300);
        audit.Property(a => a.Details).HasMaxLength(2000);
        audit.HasIndex(a => a.At);

        var outbox = modelBuilder.Entity<OutboxMessage>();
        outbox.ToTable("OutboxMessages");
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.IdempotencyKey).HasMaxLength(200);
        outbox.HasIndex(m => m.IdempotencyKey).IsUnique();
        outbox.Property(m => m.ToAddress).Encrypted(cipher);
        outbox.Property(m => m.ToAddressHash).HasMaxLength(64);
        outbox.Property(m => m.TextBody).Encrypted(cipher);
        outbox.Property(m => m.HtmlBody).Encrypted(cipher);
        outbox.Property(m => m.Subject).HasMaxLength(300);
        outbox.Property(m => m.LastError).HasMaxLength(2000);
        outbox.Property(m => m.Template).HasMaxLength(50);
        outbox.Property(m => m.Priority).HasConversion<int>();
        // The senders claim from this: only unsent, not refused rows, in delivery order (ADR 0010).
        outbox.HasIndex(m => new { m.Priority, m.NextAttemptAt }).HasDatabaseName("IX_OutboxMessages_Due").HasFilter(OutboxDueFilter);
        outbox.HasIndex(m => m.CaseId);
        outbox.HasIndex(m => new { m.ToAddressHash, m.CreatedAt }); // one receipt mail per address per hour
        outbox.HasIndex(m => m.FailedAt).HasDatabaseName("IX_OutboxMessages_Refused").HasFilter("\"FailedAt\" IS NOT NULL");

        var pause = modelBuilder.Entity<Scheduling.JobPause>();
        pause.ToTable("JobPauses");
        pause.HasKey(p => p.Job);
        pause.Property(p => p.Job).HasMaxLength(50);
        pause.Property(p => p.PausedBy).HasMaxLength(FieldLimits.Name);

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
        timer.HasIndex(t => t.DueAt).HasDatabaseName("IX_WorkflowTimers_Pending").HasFilter(PendingTimerFilter);
        // "Overdue": the escalated deadline of a case's current step. The lists ask it per row and as a filter; without
        // this index PostgreSQL hashed every escalated timer ever fired (330,000 at 1M reports: 135 ms per page).
        timer.HasIndex(t => new { t.InstanceId, t.State }, "IX_WorkflowTimers_Escalated").HasFilter(EscalatedTimerFilter);

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

        var token = modelBuilder.Entity<Reporters.ReporterAccessToken>();
        token.ToTable("ReporterAccessTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => new { t.ReportId, t.CreatedAt });

        var signIn = modelBuilder.Entity<Reporters.ReporterSignIn>();
        signIn.ToTable("ReporterSignIns");
        signIn.HasKey(s => s.Id);
        signIn.HasIndex(s => s.ReportId);

        var document = modelBuilder.Entity<Documents.CaseDocument>();
        document.ToTable("CaseDocuments");
        document.HasKey(d => d.Id);
        document.HasIndex(d => d.CaseId);
        document.Property(d => d.FileName).Encrypted(cipher);
        document.Property(d => d.ContentType).HasMaxLength(100);
        document.Property(d => d.Sha256).HasMaxLength(64);
        document.Property(d => d.UploadedBy).HasMaxLength(20);
        document.Property(d => d.UploadedByName).HasMaxLength(FieldLimits.Name);

        var caseEvent = modelBuilder.Entity<Reporters.CaseEvent>();
        caseEvent.ToTable("CaseEvents");
        caseEvent.HasKey(e => e.Id);
        caseEvent.HasIndex(e => e.CaseId);
        caseEvent.Property(e => e.ActorName).HasMaxLength(FieldLimits.Name);
        caseEvent.Property(e => e.Kind).HasMaxLength(50);
        caseEvent.Property(e => e.Details).Encrypted(cipher);

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

        var letter = modelBuilder.Entity<Letters.CaseLetter>();
        letter.ToTable("CaseLetters");
        letter.HasKey(l => l.Id);
        letter.HasIndex(l => l.CaseId);
        letter.HasIndex(l => l.IdempotencyKey).IsUnique();
        letter.Property(l => l.IdempotencyKey).HasMaxLength(200);
        letter.Property(l => l.Template).HasMaxLength(60);
        letter.Property(l => l.Language).HasMaxLength(5);
        letter.Property(l => l.Subject).HasMaxLength(300);
        letter.Property(l => l.Sha256).HasMaxLength(64);
        letter.Property(l => l.Pdf).Encrypted(cipher);
        letter.Property(l => l.Delivery).HasConversion<string>().HasMaxLength(20);
        // The print queue: letters to post that are not printed yet, oldest first.
        letter.HasIndex(l => l.CreatedAt, "IX_CaseLetters_ToPrint").HasFilter(ToPrintFilter);
        letter.HasIndex(l => l.PrintBatchId);
        letter.HasIndex(l => l.SentOn); // the print room's batches of the last weeks
        letter.HasIndex(l => l.CreatedAt, "IX_CaseLetters_NoAddress").HasFilter(NoAddressFilter);

        var access = modelBuilder.Entity<AccessLogEntry>();
        access.ToTable("AccessLog", t =>
        {
            t.HasTrigger("AccessLog_NoUpdate");
            t.HasTrigger("AccessLog_NoDelete");
        });
        access.HasKey(a => a.Id);
        access.HasIndex(a => a.At);
        access.HasIndex(a => new { a.CaseId, a.At });
        access.HasIndex(a => new { a.UserId, a.At });
        access.Property(a => a.UserId).HasMaxLength(450);
        access.Property(a => a.UserName).HasMaxLength(FieldLimits.Name);
        access.Property(a => a.Roles).HasMaxLength(200);
        access.Property(a => a.Action).HasMaxLength(50);
        access.Property(a => a.ClientAddress).HasMaxLength(45);
        access.Property(a => a.Details).HasMaxLength(500);

        var deletion = modelBuilder.Entity<DeletionLogEntry>();
        deletion.ToTable("DeletionLog", t =>
        {
            t.HasTrigger("DeletionLog_NoUpdate");
            t.HasTrigger("DeletionLog_NoDelete");
        });
        deletion.HasKey(d => d.Id);
        deletion.HasIndex(d => d.CaseId).IsUnique();
        deletion.HasIndex(d => d.At);
        deletion.HasIndex(d => new { d.FinalState, d.FinalSince }); // where the next retention run starts per state
        deletion.Property(d => d.ReferenceNumber).HasMaxLength(Herstelmeldpunt.Web.Reports.ReferenceNumber.FormattedLength);
        deletion.Property(d => d.FinalState).HasMaxLength(50);
        deletion.Property(d => d.Removed).HasMaxLength(200);

        modelBuilder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().ToTable("DataProtectionKeys");

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

        Api.ApiModel.Configure(modelBuilder, cipher);
    }

    /// <summary>Partial-index filters, written once for both providers (both accept quoted identifiers).</summary>
    public const string OutboxDueFilter = "\"SentAt\" IS NULL AND \"FailedAt\" IS NULL";

    public const string ToPrintFilter = "\"Delivery\" = 'Post' AND \"SentOn\" IS NULL";

    public const string NoAddressFilter = "\"Delivery\" = 'NoAddress'";

    public const string PendingTimerFilter = "\"FiredAt\" IS NULL AND \"CancelledAt\" IS NULL";

    public const string EscalatedTimerFilter = "\"FiresAction\" = 'escalate_to_manager' AND \"FiredAt\" IS NOT NULL AND \"CancelledAt\" IS NULL";

    public const string WebhookDueFilter = "\"DeliveredAt\" IS NULL AND \"FailedAt\" IS NULL";

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
