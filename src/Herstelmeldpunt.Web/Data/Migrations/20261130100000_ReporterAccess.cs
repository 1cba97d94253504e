using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>Hand-written (docs/adr/0002): one-time links to Mijn melding, stored as hashes; documents sent with a case; changes the reporter makes (contact details); the decision date last told to the reporter.</summary>
public class ReporterAccess : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ReporterAccessTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                ForRepresentative = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ReporterAccessTokens", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_ReporterAccessTokens_TokenHash", table: "ReporterAccessTokens", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_ReporterAccessTokens_ReportId_CreatedAt", table: "ReporterAccessTokens", columns: ["ReportId", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "CaseDocuments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                FileName = table.Column<string>(maxLength: 120, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Size = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
                UploadedBy = table.Column<string>(maxLength: 20, nullable: false),
                UploadedByName = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CaseDocuments", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CaseDocuments_CaseId", table: "CaseDocuments", column: "CaseId");

        migrationBuilder.CreateTable(
            name: "CaseEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ActorName = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<string>(maxLength: 50, nullable: false),
                Details = table.Column<string>(maxLength: 1000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CaseEvents", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CaseEvents_CaseId", table: "CaseEvents", column: "CaseId");

        migrationBuilder.CreateTable(
            name: "ReporterEstimates",
            columns: table => new
            {
                CaseId = table.Column<Guid>(nullable: false),
                DecisionFrom = table.Column<DateOnly>(nullable: false),
                DecisionTo = table.Column<DateOnly>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ReporterEstimates", x => x.CaseId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ReporterEstimates");
        migrationBuilder.DropTable(name: "CaseEvents");
        migrationBuilder.DropTable(name: "CaseDocuments");
        migrationBuilder.DropTable(name: "ReporterAccessTokens");
    }
}
