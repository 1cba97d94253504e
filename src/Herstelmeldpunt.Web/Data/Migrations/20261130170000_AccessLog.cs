using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): the access log of reads of personal data (NEN 7513), append-only: a
/// trigger on each provider refuses every UPDATE and DELETE, whoever sends it.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261130170000_AccessLog")]
public sealed class AccessLog : Migration
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
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'The access log is append-only'; END $$;
                CREATE TRIGGER "AccessLog_NoUpdate" BEFORE UPDATE ON "AccessLog" FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
                CREATE TRIGGER "AccessLog_NoDelete" BEFORE DELETE ON "AccessLog" FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
                """);
        }
        else
        {
            migrationBuilder.Sql("CREATE TRIGGER \"AccessLog_NoUpdate\" BEFORE UPDATE ON \"AccessLog\" BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"AccessLog_NoDelete\" BEFORE DELETE ON \"AccessLog\" BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AccessLog");
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS access_log_append_only();");
        }
    }
}
