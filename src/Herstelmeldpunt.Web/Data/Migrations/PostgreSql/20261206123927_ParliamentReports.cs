using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ParliamentReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ParliamentReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Pages = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParliamentReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ParliamentReports_PeriodFrom_PeriodTo",
                table: "ParliamentReports",
                columns: new[] { "PeriodFrom", "PeriodTo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ParliamentReports");
        }
    }
}
