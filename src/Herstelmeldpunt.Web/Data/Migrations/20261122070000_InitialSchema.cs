using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (the EF Design package is not available here, docs/adr/0002). Columns carry no store
/// type, so EF picks the right one per provider; MigrationSchemaTests keeps this equal to the model.
/// </summary>
public class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Reports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReferenceNumber = table.Column<string>(maxLength: 14, nullable: false),
                IdempotencyKey = table.Column<Guid>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                Source = table.Column<string>(maxLength: 20, nullable: false),
                Urgency = table.Column<int>(nullable: false),
                Language = table.Column<string>(maxLength: 5, nullable: false),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                Bsn = table.Column<string>(maxLength: 9, nullable: false),
                DateOfBirth = table.Column<DateOnly>(nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Phone = table.Column<string>(maxLength: 30, nullable: true),
                PreferredChannel = table.Column<string>(maxLength: 20, nullable: false),
                PreferredTime = table.Column<string>(maxLength: 20, nullable: false),
                FiledByRepresentative = table.Column<bool>(nullable: false),
                RepresentativeName = table.Column<string>(maxLength: 200, nullable: true),
                RepresentativeRelation = table.Column<string>(maxLength: 100, nullable: true),
                RepresentativeEmail = table.Column<string>(maxLength: 254, nullable: true),
                RepresentativePhone = table.Column<string>(maxLength: 30, nullable: true),
                RepresentativeDeclaredAuthorised = table.Column<bool>(nullable: false),
                EmotionalTrouble = table.Column<bool>(nullable: false),
                PsychologicalTrouble = table.Column<bool>(nullable: false),
                FinancialTrouble = table.Column<bool>(nullable: false),
                Description = table.Column<string>(maxLength: 4000, nullable: false),
                NoIncome = table.Column<bool>(nullable: false),
                DebtCollectionOrEviction = table.Column<bool>(nullable: false),
                CrisisOrDanger = table.Column<bool>(nullable: false),
                ConsentGivenAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Reports", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Reports_ReferenceNumber", table: "Reports", column: "ReferenceNumber", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Reports_IdempotencyKey", table: "Reports", column: "IdempotencyKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Reports_Bsn", table: "Reports", column: "Bsn");
        migrationBuilder.CreateIndex(name: "IX_Reports_Urgency_ReceivedAt", table: "Reports", columns: ["Urgency", "ReceivedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Reports");
}
