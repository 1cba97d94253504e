using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): retention. When a report was anonymised; the deletion log (one row per
/// anonymised case, append-only by triggers like the access log); the state index also ordered by the
/// time the state was entered, so the daily run finds final states past their period by index.
/// </summary>
public class Retention : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "AnonymisedAt", table: "Reports", nullable: true);
        migrationBuilder.DropIndex(name: "IX_WorkflowInstances_State", table: "WorkflowInstances");
        migrationBuilder.CreateIndex(name: "IX_WorkflowInstances_State_StateEnteredAt", table: "WorkflowInstances", columns: ["State", "StateEnteredAt"]);
        migrationBuilder.CreateTable(
            name: "DeletionLog",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                ReferenceNumber = table.Column<string>(maxLength: 14, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                FinalState = table.Column<string>(maxLength: 50, nullable: false),
                FinalSince = table.Column<DateTime>(nullable: false),
                RetentionDays = table.Column<int>(nullable: false),
                Removed = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DeletionLog", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_DeletionLog_CaseId", table: "DeletionLog", column: "CaseId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_DeletionLog_At", table: "DeletionLog", column: "At");
        migrationBuilder.CreateIndex(name: "IX_DeletionLog_FinalState_FinalSince", table: "DeletionLog", columns: ["FinalState", "FinalSince"]);
        AppendOnlyTable.Create(migrationBuilder, "DeletionLog", "deletion_log_append_only", "The deletion log is append-only");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DeletionLog");
        AppendOnlyTable.DropFunction(migrationBuilder, "deletion_log_append_only");

        migrationBuilder.DropIndex(name: "IX_WorkflowInstances_State_StateEnteredAt", table: "WorkflowInstances");
        migrationBuilder.CreateIndex(name: "IX_WorkflowInstances_State", table: "WorkflowInstances", column: "State");
        migrationBuilder.DropColumn(name: "AnonymisedAt", table: "Reports");
    }
}
