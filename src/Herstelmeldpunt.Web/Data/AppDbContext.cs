using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.FollowUp;
using Herstelmeldpunt.Web.Cases.Lists;
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

    /// <summary>The webhook subscriptions a query of this unit of work already read, for its save (<see cref="Herstelmeldpunt.Web.Api.WebhookEvents.Remember"/>); null: the save reads them.</summary>
    internal object? WebhookTargetsRead { get; set; }

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<TargetGroupMember> TargetGroupMembers => Set<TargetGroupMember>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();

    public DbSet<WorkflowJournalEntry> WorkflowJournal => Set<WorkflowJournalEntry>();

    public DbSet<WorkflowTimer> WorkflowTimers => Set<WorkflowTimer>();

    public DbSet<Advice> Advices => Set<Advice>();

    public DbSet<FollowUpCall> FollowUpCalls => Set<FollowUpCall>();

    public DbSet<Cases.Views.DecisionView> DecisionViews => Set<Cases.Views.DecisionView>();

    public DbSet<Cases.Retriage.SituationReport> SituationReports => Set<Cases.Retriage.SituationReport>();

    public DbSet<Cases.Bookings.ConversationSlot> ConversationSlots => Set<Cases.Bookings.ConversationSlot>();

    public DbSet<Cases.Objections.Objection> Objections => Set<Cases.Objections.Objection>();

    public DbSet<Cases.Complaints.Complaint> Complaints => Set<Cases.Complaints.Complaint>();

    public DbSet<Cases.Promises.Promise> Promises => Set<Cases.Promises.Promise>();

    public DbSet<Cases.Promises.CallbackRequest> CallbackRequests => Set<Cases.Promises.CallbackRequest>();

    public DbSet<Reporters.ReporterAccessToken> ReporterAccessTokens => Set<Reporters.ReporterAccessToken>();

    public DbSet<Documents.CaseDocument> CaseDocuments => Set<Documents.CaseDocument>();

    public DbSet<Reporters.CaseEvent> CaseEvents => Set<Reporters.CaseEvent>();

    public DbSet<Reporters.EmailChange> EmailChanges => Set<Reporters.EmailChange>();

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

        // Each room maps its own tables (ADR 0025).
        var npgsql = Database.IsNpgsql();
        ReportModel.Map(modelBuilder, cipher, npgsql);
        TargetGroupModel.Map(modelBuilder, cipher);
        AuditModel.Map(modelBuilder);
        EmailModel.Map(modelBuilder, cipher);
        Scheduling.SchedulingModel.Map(modelBuilder);
        CaseModel.Map(modelBuilder, cipher);
        Reporters.ReporterModel.Map(modelBuilder, cipher);
        Documents.DocumentModel.Map(modelBuilder, cipher);
        Letters.LetterModel.Map(modelBuilder, cipher);
        Intake.IntakeModel.Map(modelBuilder, cipher);
        Management.ManagementModel.Map(modelBuilder);
        modelBuilder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().ToTable("DataProtectionKeys");
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
