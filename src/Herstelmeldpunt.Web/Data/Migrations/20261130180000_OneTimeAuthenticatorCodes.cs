using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>Hand-written (docs/adr/0002): the last accepted authenticator time step per account, so a code works once.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261130180000_OneTimeAuthenticatorCodes")]
public sealed class OneTimeAuthenticatorCodes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "LastAuthenticatorStep", table: "AspNetUsers", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "LastAuthenticatorStep", table: "AspNetUsers");
}
