using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ConversationSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalendarFile",
                table: "OutboxMessages",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConversationSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Purpose = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ManageTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationSlots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationSlots_Booked",
                table: "ConversationSlots",
                column: "StartsAt",
                filter: "\"CaseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationSlots_CaseId_StartsAt",
                table: "ConversationSlots",
                columns: new[] { "CaseId", "StartsAt" },
                filter: "\"CaseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationSlots_Free",
                table: "ConversationSlots",
                columns: new[] { "Purpose", "StartsAt" },
                filter: "\"CaseId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationSlots_ManageTokenHash",
                table: "ConversationSlots",
                column: "ManageTokenHash",
                unique: true,
                filter: "\"ManageTokenHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationSlots_StaffUserId_StartsAt",
                table: "ConversationSlots",
                columns: new[] { "StaffUserId", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationSlots");

            migrationBuilder.DropColumn(
                name: "CalendarFile",
                table: "OutboxMessages");
        }
    }
}
