using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SituationReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SituationReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Times = table.Column<int>(type: "INTEGER", nullable: false),
                    Areas = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UrgencyBefore = table.Column<int>(type: "INTEGER", nullable: true),
                    UrgencyAfter = table.Column<int>(type: "INTEGER", nullable: true),
                    KeptReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SituationReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_CaseId_LastReportedAt",
                table: "SituationReports",
                columns: new[] { "CaseId", "LastReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SituationReports_Open",
                table: "SituationReports",
                column: "DueOn",
                filter: "\"HandledAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SituationReports");
        }
    }
}
