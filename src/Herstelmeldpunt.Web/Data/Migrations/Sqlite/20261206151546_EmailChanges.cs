using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EmailChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForRepresentative = table.Column<bool>(type: "INTEGER", nullable: false),
                    NewAddress = table.Column<string>(type: "TEXT", nullable: false),
                    OldAddress = table.Column<string>(type: "TEXT", nullable: true),
                    ConfirmTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UndoTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UndoUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EmailChanges_CaseId",
                table: "EmailChanges",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_EmailChanges_ConfirmTokenHash",
                table: "EmailChanges",
                column: "ConfirmTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmailChanges_UndoTokenHash",
                table: "EmailChanges",
                column: "UndoTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailChanges");
        }
    }
}
