using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DecisionViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ForThePerson",
                table: "Advices",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DecisionViews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalSequence = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RespondBy = table.Column<DateOnly>(type: "date", nullable: false),
                    Response = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordedByStaff = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionViews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DecisionViewPoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Answer = table.Column<string>(type: "text", nullable: true),
                    AnsweredById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionViewPoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionViewPoints_DecisionViews_ViewId",
                        column: x => x.ViewId,
                        principalTable: "DecisionViews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionViewPoints_ViewId_Number",
                table: "DecisionViewPoints",
                columns: new[] { "ViewId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionViews_CaseId_ProposalSequence",
                table: "DecisionViews",
                columns: new[] { "CaseId", "ProposalSequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionViewPoints");

            migrationBuilder.DropTable(
                name: "DecisionViews");

            migrationBuilder.DropColumn(
                name: "ForThePerson",
                table: "Advices");
        }
    }
}
