using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PromiseLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastMessageAt",
                table: "Reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeldAt",
                table: "ConversationSlots",
                type: "timestamp with time zone",
                nullable: true);

            // The silence alarm counts from the last message to the person: for reports from before it, the newest queued
            // mail about the case, else the day the report came in.
            migrationBuilder.Sql("UPDATE \"Reports\" SET \"LastMessageAt\" = COALESCE((SELECT MAX(m.\"CreatedAt\") FROM \"OutboxMessages\" m WHERE m.\"CaseId\" = \"Reports\".\"Id\"), \"ReceivedAt\") WHERE \"LastMessageAt\" IS NULL");

            migrationBuilder.CreateTable(
                name: "CallbackRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Template = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    PartOfDay = table.Column<int>(type: "integer", nullable: false),
                    Phone = table.Column<string>(type: "text", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DoneById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    PromiseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Promises",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Due = table.Column<DateOnly>(type: "date", nullable: false),
                    Template = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OwnerRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SettledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FulfilledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FollowsId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Promises", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_LastMessageAt",
                table: "Reports",
                column: "LastMessageAt");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackRequests_CaseId",
                table: "CallbackRequests",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackRequests_Open",
                table: "CallbackRequests",
                column: "DueOn",
                filter: "\"DoneAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackRequests_RequestedAt_Template",
                table: "CallbackRequests",
                columns: new[] { "RequestedAt", "Template" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_CaseId_Kind",
                table: "Promises",
                columns: new[] { "CaseId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Due",
                table: "Promises",
                column: "Due",
                filter: "\"State\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone",
                table: "Promises",
                columns: new[] { "OwnerRole", "Due" },
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallbackRequests");

            migrationBuilder.DropTable(
                name: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Reports_LastMessageAt",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "LastMessageAt",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "HeldAt",
                table: "ConversationSlots");
        }
    }
}
