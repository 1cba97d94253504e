using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Grounds = table.Column<string>(type: "TEXT", nullable: false),
                    RepresentativeName = table.Column<string>(type: "TEXT", nullable: true),
                    RepresentativeContact = table.Column<string>(type: "TEXT", nullable: true),
                    RepresentativeIsLawyer = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false),
                    LateReason = table.Column<string>(type: "TEXT", nullable: true),
                    LatenessExcusable = table.Column<bool>(type: "INTEGER", nullable: true),
                    LatenessReasons = table.Column<string>(type: "TEXT", nullable: true),
                    LatenessDecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HearingWaivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HearingHeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HearingReport = table.Column<string>(type: "TEXT", nullable: true),
                    HearingRecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
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
