using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Extended = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExtensionReason = table.Column<string>(type: "TEXT", nullable: true),
                    OfficerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HearingWaived = table.Column<bool>(type: "INTEGER", nullable: false),
                    HearingHeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HearingReport = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CaseId",
                table: "Complaints",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Open",
                table: "Complaints",
                column: "DueOn",
                filter: "\"DecidedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedOn",
                table: "Complaints",
                column: "ReceivedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Complaints");
        }
    }
}
