using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntakeDraftFormKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Drafts saved before a draft kept its form's key cannot be told apart: they are removed (a draft lives at
            // most 7 days, the person saves again; only a development database can hold any).
            migrationBuilder.Sql("DELETE FROM \"IntakeDrafts\";");

            migrationBuilder.AddColumn<Guid>(
                name: "FormKey",
                table: "IntakeDrafts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_IntakeDrafts_FormKey",
                table: "IntakeDrafts",
                column: "FormKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IntakeDrafts_FormKey",
                table: "IntakeDrafts");

            migrationBuilder.DropColumn(
                name: "FormKey",
                table: "IntakeDrafts");
        }
    }
}
