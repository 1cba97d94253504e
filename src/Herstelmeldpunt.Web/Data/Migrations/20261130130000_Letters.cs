using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): letters kept with the case as PDF (hash, pages, how they go out, the
/// day they were posted, the print batch); an address for letters on each report and in the
/// target-group register.
/// </summary>
public class Letters : Migration
{
    private static readonly string[] Tables = ["Reports", "TargetGroupMembers"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.AddColumn<string>(name: "AddressStreet", table: table, maxLength: 200, nullable: true);
            migrationBuilder.AddColumn<string>(name: "AddressPostcode", table: table, maxLength: 10, nullable: true);
            migrationBuilder.AddColumn<string>(name: "AddressCity", table: table, maxLength: 100, nullable: true);
        }

        migrationBuilder.CreateTable(
            name: "CaseLetters",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 200, nullable: false),
                Template = table.Column<string>(maxLength: 60, nullable: false),
                Language = table.Column<string>(maxLength: 5, nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Pdf = table.Column<byte[]>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Pages = table.Column<int>(nullable: false),
                Delivery = table.Column<string>(maxLength: 20, nullable: false),
                SentOn = table.Column<DateOnly>(nullable: true),
                PrintBatchId = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CaseLetters", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CaseLetters_CaseId", table: "CaseLetters", column: "CaseId");
        migrationBuilder.CreateIndex(name: "IX_CaseLetters_IdempotencyKey", table: "CaseLetters", column: "IdempotencyKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_CaseLetters_PrintBatchId", table: "CaseLetters", column: "PrintBatchId");
        migrationBuilder.CreateIndex(name: "IX_CaseLetters_ToPrint", table: "CaseLetters", column: "CreatedAt", filter: AppDbContext.ToPrintFilter);
        migrationBuilder.CreateIndex(name: "IX_CaseLetters_NoAddress", table: "CaseLetters", column: "CreatedAt", filter: AppDbContext.NoAddressFilter);
        migrationBuilder.CreateIndex(name: "IX_CaseLetters_SentOn", table: "CaseLetters", column: "SentOn");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CaseLetters");
        foreach (var table in Tables)
        {
            migrationBuilder.DropColumn(name: "AddressCity", table: table);
            migrationBuilder.DropColumn(name: "AddressPostcode", table: table);
            migrationBuilder.DropColumn(name: "AddressStreet", table: table);
        }
    }
}
