using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): everyone who wrote part of an advice, for the four-eyes check (the last
/// author alone let a member approve advice they wrote after the chair changed a character). Existing
/// advice starts with its last author.
/// </summary>
public class AdviceContributors : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AdviceContributors",
            columns: table => new
            {
                AdviceId = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                FirstAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AdviceContributors", x => new { x.AdviceId, x.UserId });
                table.ForeignKey("FK_AdviceContributors_Advices_AdviceId", x => x.AdviceId, "Advices", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.Sql("""INSERT INTO "AdviceContributors" ("AdviceId", "UserId", "FirstAt") SELECT "Id", "AuthorId", "UpdatedAt" FROM "Advices" WHERE "AuthorId" <> ''""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "AdviceContributors");
}
