using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReporterEstimateExpectedLate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ExpectedLate",
                table: "ReporterEstimates",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_ReporterEstimates_ExpectedLate",
                table: "ReporterEstimates",
                column: "ExpectedLate",
                filter: "\"ExpectedLate\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReporterEstimates_ExpectedLate",
                table: "ReporterEstimates");

            migrationBuilder.DropColumn(
                name: "ExpectedLate",
                table: "ReporterEstimates");
        }
    }
}
