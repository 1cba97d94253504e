using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TargetGroupReportedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ReportedAt",
                table: "TargetGroupMembers",
                type: "TEXT",
                nullable: true);

            // Who in the register has reported already: the first report with the same BSN hash (anonymised reports have none).
            migrationBuilder.Sql("""
                UPDATE "TargetGroupMembers"
                SET "ReportedAt" = (SELECT MIN(r."ReceivedAt") FROM "Reports" AS r WHERE r."BsnHash" = "TargetGroupMembers"."BsnHash")
                WHERE "BsnHash" <> '';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_TargetGroupMembers_NotReported",
                table: "TargetGroupMembers",
                columns: new[] { "ReassessmentDate", "Id" },
                filter: "\"ReportedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TargetGroupMembers_ReassessmentDate_Id",
                table: "TargetGroupMembers",
                columns: new[] { "ReassessmentDate", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TargetGroupMembers_NotReported",
                table: "TargetGroupMembers");

            migrationBuilder.DropIndex(
                name: "IX_TargetGroupMembers_ReassessmentDate_Id",
                table: "TargetGroupMembers");

            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "TargetGroupMembers");
        }
    }
}
