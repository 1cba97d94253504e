using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): the workflow engine's instances, journal and timers, and the
/// committee's advice. Every existing report gets an instance on herstelmelding v1 in "screening"
/// (the instance and its start journal row use the report id), without deadline timers.
/// </summary>
public class CaseWorkflow : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WorkflowInstances",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DefinitionId = table.Column<string>(maxLength: 50, nullable: false),
                DefinitionVersion = table.Column<int>(nullable: false),
                State = table.Column<string>(maxLength: 50, nullable: false),
                Version = table.Column<int>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                StateEnteredAt = table.Column<DateTime>(nullable: false),
                AssigneeId = table.Column<string>(maxLength: 450, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowInstances", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowInstances_State", table: "WorkflowInstances", column: "State");
        migrationBuilder.CreateIndex(name: "IX_WorkflowInstances_AssigneeId", table: "WorkflowInstances", column: "AssigneeId");

        migrationBuilder.CreateTable(
            name: "WorkflowJournal",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ActorId = table.Column<string>(maxLength: 450, nullable: true),
                ActorName = table.Column<string>(maxLength: 200, nullable: false),
                Role = table.Column<string>(maxLength: 50, nullable: true),
                Transition = table.Column<string>(maxLength: 50, nullable: false),
                FromState = table.Column<string>(maxLength: 50, nullable: true),
                ToState = table.Column<string>(maxLength: 50, nullable: false),
                Note = table.Column<string>(maxLength: 4000, nullable: true),
                DataJson = table.Column<string>(nullable: true),
                DefinitionId = table.Column<string>(maxLength: 50, nullable: false),
                DefinitionVersion = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowJournal", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowJournal_InstanceId_Sequence", table: "WorkflowJournal", columns: ["InstanceId", "Sequence"], unique: true);

        migrationBuilder.CreateTable(
            name: "WorkflowTimers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                State = table.Column<string>(maxLength: 50, nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                FiresAction = table.Column<string>(maxLength: 50, nullable: false),
                FiresWith = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                FiredAt = table.Column<DateTime>(nullable: true),
                CancelledAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowTimers", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowTimers_InstanceId_State", table: "WorkflowTimers", columns: ["InstanceId", "State"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowTimers_DueAt", table: "WorkflowTimers", column: "DueAt");

        migrationBuilder.CreateTable(
            name: "Advices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AuthorId = table.Column<string>(maxLength: 450, nullable: false),
                RecoveryCompletedAt = table.Column<DateTime>(nullable: true),
                Compensation = table.Column<string>(maxLength: 20, nullable: true),
                CompensationAmount = table.Column<decimal>(precision: 12, scale: 2, nullable: true),
                CompensationDetails = table.Column<string>(maxLength: 4000, nullable: true),
                CompensationReasons = table.Column<string>(maxLength: 4000, nullable: true),
                CompensationCompletedAt = table.Column<DateTime>(nullable: true),
                NoAdditionalHelp = table.Column<bool>(nullable: false),
                NoAdditionalHelpReasons = table.Column<string>(maxLength: 4000, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Advices", x => x.Id));

        migrationBuilder.CreateTable(
            name: "RecoveryMeasures",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AdviceId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                Reasons = table.Column<string>(maxLength: 4000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RecoveryMeasures", x => x.Id);
                table.ForeignKey("FK_RecoveryMeasures_Advices_AdviceId", x => x.AdviceId, "Advices", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_RecoveryMeasures_AdviceId", table: "RecoveryMeasures", column: "AdviceId");

        // Reports filed before the workflow existed start on v1 in screening.
        migrationBuilder.Sql("""
            INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersion", "State", "Version", "StartedAt", "StateEnteredAt", "AssigneeId")
            SELECT "Id", 'herstelmelding', 1, 'screening', 1, "ReceivedAt", "ReceivedAt", NULL FROM "Reports";
            """);
        migrationBuilder.Sql("""
            INSERT INTO "WorkflowJournal" ("Id", "InstanceId", "Sequence", "At", "ActorId", "ActorName", "Role", "Transition", "FromState", "ToState", "Note", "DataJson", "DefinitionId", "DefinitionVersion")
            SELECT "Id", "Id", 1, "ReceivedAt", NULL, 'migration', NULL, 'start', NULL, 'screening', NULL, NULL, 'herstelmelding', 1 FROM "Reports";
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "RecoveryMeasures");
        migrationBuilder.DropTable(name: "Advices");
        migrationBuilder.DropTable(name: "WorkflowTimers");
        migrationBuilder.DropTable(name: "WorkflowJournal");
        migrationBuilder.DropTable(name: "WorkflowInstances");
    }
}
