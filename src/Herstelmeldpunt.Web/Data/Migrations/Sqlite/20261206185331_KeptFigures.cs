using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeptFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredFigures",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFigures", x => x.Name);
                });

            // The silence alarm's clock runs only while a case is open (Cases/Promises/SilenceClock): stopped for the cases at rest.
            migrationBuilder.Sql("""
                UPDATE "Reports" SET "LastMessageAt" = NULL
                WHERE "LastMessageAt" IS NOT NULL
                  AND "Id" IN (SELECT "Id" FROM "WorkflowInstances" WHERE "State" IN ('closed', 'withdrawn', 'closed_outside_target_group', 'objection_dismissed'))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredFigures");
        }
    }
}
