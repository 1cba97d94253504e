using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FormStampsAndReceiptCaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_ToAddressHash_CreatedAt",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<Guid>(
                name: "FormStamp",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReceiptMailCaps",
                columns: table => new
                {
                    AddressHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastQueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiptMailCaps", x => x.AddressHash);
                });

            // The receipts already sent keep counting: each address's latest receipt becomes its cap.
            migrationBuilder.Sql("""
                INSERT INTO "ReceiptMailCaps" ("AddressHash", "LastQueuedAt")
                SELECT "ToAddressHash", MAX("CreatedAt") FROM "OutboxMessages"
                WHERE "Template" = 'receipt' AND "ToAddressHash" <> ''
                GROUP BY "ToAddressHash"
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_FormStamp",
                table: "Reports",
                column: "FormStamp",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptMailCaps_LastQueuedAt",
                table: "ReceiptMailCaps",
                column: "LastQueuedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReceiptMailCaps");

            migrationBuilder.DropIndex(
                name: "IX_Reports_FormStamp",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "FormStamp",
                table: "Reports");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ToAddressHash_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "ToAddressHash", "CreatedAt" });
        }
    }
}
