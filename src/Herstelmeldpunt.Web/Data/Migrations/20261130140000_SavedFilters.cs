using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>Hand-written (docs/adr/0002): filters of the case list and the worklists that staff save under a name.</summary>
public class SavedFilters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SavedFilters",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                Page = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 80, nullable: false),
                Link = table.Column<string>(maxLength: 1000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SavedFilters", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_SavedFilters_UserId_Page", table: "SavedFilters", columns: ["UserId", "Page"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "SavedFilters");
}
