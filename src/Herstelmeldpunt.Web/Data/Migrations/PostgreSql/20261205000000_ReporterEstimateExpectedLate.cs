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

            // The default only fills the rows already there; the model has none (the schema test compares both).
            migrationBuilder.Sql("ALTER TABLE \"ReporterEstimates\" ALTER COLUMN \"ExpectedLate\" DROP DEFAULT;");

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
