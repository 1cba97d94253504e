using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>Hand-written (docs/adr/0002): the planned and recorded follow-up satisfaction calls.</summary>
public class FollowUpCalls : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "FollowUpCalls",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                Attempt = table.Column<int>(nullable: false),
                ScheduledFor = table.Column<DateTime>(nullable: false),
                CalledAt = table.Column<DateTime>(nullable: true),
                CalledById = table.Column<string>(maxLength: 450, nullable: true),
                Reached = table.Column<bool>(nullable: true),
                Satisfaction = table.Column<int>(nullable: true),
                SatisfiedWithProvision = table.Column<bool>(nullable: true),
                ActionNeeded = table.Column<bool>(nullable: true),
                Comments = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_FollowUpCalls", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_FollowUpCalls_CaseId_Attempt", table: "FollowUpCalls", columns: ["CaseId", "Attempt"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "FollowUpCalls");
}
