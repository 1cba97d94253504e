using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>Hand-written (docs/adr/0002): indexes for the dashboard's period filters.</summary>
public class DashboardIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(name: "IX_Reports_ReceivedAt", table: "Reports", column: "ReceivedAt");
        migrationBuilder.CreateIndex(name: "IX_WorkflowJournal_At", table: "WorkflowJournal", column: "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_WorkflowJournal_At", table: "WorkflowJournal");
        migrationBuilder.DropIndex(name: "IX_Reports_ReceivedAt", table: "Reports");
    }
}
