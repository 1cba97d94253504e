using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Times = table.Column<int>(type: "integer", nullable: false),
                    Areas = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UrgencyBefore = table.Column<int>(type: "integer", nullable: true),
                    UrgencyAfter = table.Column<int>(type: "integer", nullable: true),
                    KeptReason = table.Column<string>(type: "text", nullable: true)
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
