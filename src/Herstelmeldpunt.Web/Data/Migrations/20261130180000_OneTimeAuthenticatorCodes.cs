using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>Hand-written (docs/adr/0002): the last accepted authenticator time step per account, so a code works once.</summary>
public class OneTimeAuthenticatorCodes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "LastAuthenticatorStep", table: "AspNetUsers", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "LastAuthenticatorStep", table: "AspNetUsers");
}
