using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Objections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Objections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Grounds = table.Column<string>(type: "text", nullable: false),
                    RepresentativeName = table.Column<string>(type: "text", nullable: true),
                    RepresentativeContact = table.Column<string>(type: "text", nullable: true),
                    RepresentativeIsLawyer = table.Column<bool>(type: "boolean", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    LateReason = table.Column<string>(type: "text", nullable: true),
                    LatenessExcusable = table.Column<bool>(type: "boolean", nullable: true),
                    LatenessReasons = table.Column<string>(type: "text", nullable: true),
                    LatenessDecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HearingWaivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HearingHeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingReport = table.Column<string>(type: "text", nullable: true),
                    HearingRecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objections", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Objections_CaseId_RegisteredAt",
                table: "Objections",
                columns: new[] { "CaseId", "RegisteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Objections");
        }
    }
}
