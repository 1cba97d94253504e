using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConversationSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ManageTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
