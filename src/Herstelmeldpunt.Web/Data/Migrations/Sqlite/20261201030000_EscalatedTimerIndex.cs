using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EscalatedTimerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_Escalated",
                table: "WorkflowTimers",
                columns: new[] { "InstanceId", "State" },
                filter: "\"FiresAction\" = 'escalate_to_manager' AND \"FiredAt\" IS NOT NULL AND \"CancelledAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTimers_Escalated",
                table: "WorkflowTimers");
        }
    }
}
