using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>Hand-written (docs/adr/0002): finds the receipt mails to one address in the last hour by index, so the public form cannot flood a mailbox.</summary>
public class ReceiptMailLimit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_ToAddress_CreatedAt", table: "OutboxMessages", columns: ["ToAddress", "CreatedAt"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_ToAddress_CreatedAt", table: "OutboxMessages");
}
