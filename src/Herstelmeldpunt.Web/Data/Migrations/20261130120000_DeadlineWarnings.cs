using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): staff choose whether they are told of a near decision deadline (on by
/// default, like the other notifications), and the daily warning finds near deadlines by index.
/// </summary>
public class DeadlineWarnings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "NotifyDeadlineSoon", table: "AspNetUsers", nullable: false, defaultValue: true);
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("ALTER TABLE \"AspNetUsers\" ALTER COLUMN \"NotifyDeadlineSoon\" DROP DEFAULT;");
        }

        migrationBuilder.CreateIndex(name: "IX_CaseDeadlines_DueOn", table: "CaseDeadlines", column: "DueOn");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_CaseDeadlines_DueOn", table: "CaseDeadlines");
        migrationBuilder.DropColumn(name: "NotifyDeadlineSoon", table: "AspNetUsers");
    }
}
