using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LatePromiseIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone_Due",
                table: "Promises",
                column: "Due",
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_LateNotDone_Owner",
                table: "Promises",
                columns: new[] { "OwnerId", "Due" },
                filter: "\"State\" = 'Late' AND \"FulfilledAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Promises_LateNotDone_Due",
                table: "Promises");

            migrationBuilder.DropIndex(
                name: "IX_Promises_LateNotDone_Owner",
                table: "Promises");
        }
    }
}
