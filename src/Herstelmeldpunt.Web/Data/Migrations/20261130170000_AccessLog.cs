using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): the access log of reads of personal data (NEN 7513), append-only: a
/// trigger on each provider refuses every UPDATE and DELETE, whoever sends it.
/// </summary>
public class AccessLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AccessLog",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: true),
                UserName = table.Column<string>(maxLength: 200, nullable: false),
                Roles = table.Column<string>(maxLength: 200, nullable: false),
                Action = table.Column<string>(maxLength: 50, nullable: false),
                CaseId = table.Column<Guid>(nullable: true),
                ClientAddress = table.Column<string>(maxLength: 45, nullable: true),
                Details = table.Column<string>(maxLength: 500, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AccessLog", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_AccessLog_At", table: "AccessLog", column: "At");
        migrationBuilder.CreateIndex(name: "IX_AccessLog_CaseId_At", table: "AccessLog", columns: ["CaseId", "At"]);
        migrationBuilder.CreateIndex(name: "IX_AccessLog_UserId_At", table: "AccessLog", columns: ["UserId", "At"]);
        AppendOnlyTable.Create(migrationBuilder, "AccessLog", "access_log_append_only", "The access log is append-only");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AccessLog");
        AppendOnlyTable.DropFunction(migrationBuilder, "access_log_append_only");
    }
}
