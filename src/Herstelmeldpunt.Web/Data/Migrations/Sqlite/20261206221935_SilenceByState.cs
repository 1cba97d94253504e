using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SilenceByState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Promises_LateNotDone",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_LateNotDone_Due",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_LateNotDone_Owner",
                table: "Promises");

            migrationBuilder.AddColumn<string>(
                name: "CaseState",
                table: "Reports",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            // The state's copy for every case whose silence clock runs (the silence list reads no other; a case at rest gets
            // it again when it opens, from SilenceClock). Before the index, so the index is built once.
            migrationBuilder.Sql("""
                UPDATE "Reports" SET "CaseState" = (SELECT w."State" FROM "WorkflowInstances" AS w WHERE w."Id" = "Reports"."Id") WHERE "LastMessageAt" IS NOT NULL
                """);

            // The register's kept counts gained those without an address (the letters page reads them): the stored set of the
            // version before is taken out, so the deploy step ('migrate') stores it anew, complete.
            migrationBuilder.Sql("""
                DELETE FROM "StoredFigures" WHERE "Name" = 'register'
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Silence",
                table: "Reports",
                columns: new[] { "CaseState", "LastMessageAt" },
                filter: "\"LastMessageAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone_Owner",
                table: "Promises",
                columns: new[] { "OwnerId", "Due", "Id" },
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone_Role",
                table: "Promises",
                columns: new[] { "OwnerRole", "Due", "Id" },
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_Silence",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Promises_LateNotDone_Owner",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_LateNotDone_Role",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "CaseState",
                table: "Reports");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone",
                table: "Promises",
                columns: new[] { "OwnerRole", "Due" },
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone_Due",
                table: "Promises",
                column: "Due",
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone_Owner",
                table: "Promises",
                columns: new[] { "OwnerId", "Due" },
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");
        }
    }
}
