using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): background work moves from Quartz to Hangfire (ADR 0010). The outbox
/// gets a delivery order, permanent failures, the case it belongs to and the template; the sweeps read
/// partial indexes of open work only; pauses of the sweeps live in the application's own table; the
/// Quartz tables are dropped (Hangfire keeps its own schema on PostgreSQL and memory on SQLite).
/// </summary>
public class BackgroundJobsOnHangfire : Migration
{
    // Children first: Quartz's tables reference each other.
    private static readonly string[] QuartzTables =
    [
        "qrtz_fired_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers", "qrtz_blob_triggers",
        "qrtz_triggers", "qrtz_job_details", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Priority", table: "OutboxMessages", nullable: false, defaultValue: 1);
        migrationBuilder.AddColumn<DateTime>(name: "FailedAt", table: "OutboxMessages", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "CaseId", table: "OutboxMessages", nullable: true);
        migrationBuilder.AddColumn<string>(name: "Template", table: "OutboxMessages", maxLength: 50, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "ContainsOneTimeLink", table: "OutboxMessages", nullable: false, defaultValue: false);
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_SentAt_NextAttemptAt", table: "OutboxMessages");
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_Due", table: "OutboxMessages", columns: ["Priority", "NextAttemptAt"], filter: AppDbContext.OutboxDueFilter);
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_CaseId", table: "OutboxMessages", column: "CaseId");
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_Refused", table: "OutboxMessages", column: "FailedAt", filter: "\"FailedAt\" IS NOT NULL");

        migrationBuilder.DropIndex(name: "IX_WorkflowTimers_DueAt", table: "WorkflowTimers");
        migrationBuilder.CreateIndex(name: "IX_WorkflowTimers_Pending", table: "WorkflowTimers", column: "DueAt", filter: AppDbContext.PendingTimerFilter);

        migrationBuilder.CreateTable(
            name: "JobPauses",
            columns: table => new
            {
                Job = table.Column<string>(maxLength: 50, nullable: false),
                PausedAt = table.Column<DateTime>(nullable: false),
                PausedBy = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_JobPauses", x => x.Job));

        var postgres = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        if (postgres)
        {
            // The defaults only fill existing rows; the application always writes both (SQLite cannot drop a default).
            migrationBuilder.Sql("ALTER TABLE \"OutboxMessages\" ALTER COLUMN \"Priority\" DROP DEFAULT, ALTER COLUMN \"ContainsOneTimeLink\" DROP DEFAULT;");
        }

        var cascade = postgres ? " CASCADE" : string.Empty;
        foreach (var table in QuartzTables)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {table}{cascade};");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "JobPauses");
        migrationBuilder.DropIndex(name: "IX_WorkflowTimers_Pending", table: "WorkflowTimers");
        migrationBuilder.CreateIndex(name: "IX_WorkflowTimers_DueAt", table: "WorkflowTimers", column: "DueAt");
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_Refused", table: "OutboxMessages");
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_CaseId", table: "OutboxMessages");
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_Due", table: "OutboxMessages");
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_SentAt_NextAttemptAt", table: "OutboxMessages", columns: ["SentAt", "NextAttemptAt"]);
        migrationBuilder.DropColumn(name: "ContainsOneTimeLink", table: "OutboxMessages");
        migrationBuilder.DropColumn(name: "Template", table: "OutboxMessages");
        migrationBuilder.DropColumn(name: "CaseId", table: "OutboxMessages");
        migrationBuilder.DropColumn(name: "FailedAt", table: "OutboxMessages");
        migrationBuilder.DropColumn(name: "Priority", table: "OutboxMessages");
    }
}
