using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): the decision term per case, staff notes on a case, staff language and notification choices, and the index of the case list's order. Reports filed before this version get a
/// row with the default term counted in calendar days (8 weeks, holidays not known to SQL) and no
/// suspension — an approximation for the cases already running, written down in docs/workflow.md.
/// </summary>
public class DecisionTerm : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CaseDeadlines",
            columns: table => new
            {
                CaseId = table.Column<Guid>(nullable: false),
                ReceivedOn = table.Column<DateOnly>(nullable: false),
                TermWorkingDays = table.Column<int>(nullable: false),
                SuspendedWorkingDays = table.Column<int>(nullable: false),
                SuspendedSince = table.Column<DateOnly>(nullable: true),
                SuspendedUntil = table.Column<DateOnly>(nullable: true),
                ExtendedWorkingDays = table.Column<int>(nullable: false),
                ExtensionReason = table.Column<string>(maxLength: 1000, nullable: true),
                ExtendedAt = table.Column<DateTime>(nullable: true),
                ExtendedBy = table.Column<string>(maxLength: 200, nullable: true),
                DueOn = table.Column<DateOnly>(nullable: false),
                DecidedOn = table.Column<DateOnly>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CaseDeadlines", x => x.CaseId));
        migrationBuilder.CreateIndex(name: "IX_CaseDeadlines_DecidedOn", table: "CaseDeadlines", column: "DecidedOn");
        migrationBuilder.CreateIndex(name: "IX_Reports_Queue", table: "Reports", columns: ["Urgency", "ReceivedAt", "Id"], descending: [true, false, false]);

        // Staff: the language of the back office and their emails, and which notifications they want.
        migrationBuilder.AddColumn<string>(name: "Language", table: "AspNetUsers", maxLength: 5, nullable: false, defaultValue: "nl");
        migrationBuilder.AddColumn<bool>(name: "NotifyAssigned", table: "AspNetUsers", nullable: false, defaultValue: true);
        migrationBuilder.AddColumn<bool>(name: "NotifyEscalations", table: "AspNetUsers", nullable: false, defaultValue: true);
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("ALTER TABLE \"AspNetUsers\" ALTER COLUMN \"Language\" DROP DEFAULT, ALTER COLUMN \"NotifyAssigned\" DROP DEFAULT, ALTER COLUMN \"NotifyEscalations\" DROP DEFAULT;");
        }

        migrationBuilder.CreateTable(
            name: "CaseNotes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                AuthorId = table.Column<string>(maxLength: 450, nullable: false),
                AuthorName = table.Column<string>(maxLength: 200, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Text = table.Column<string>(maxLength: 4000, nullable: false),
                CorrectedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CaseNotes", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CaseNotes_CaseId_At", table: "CaseNotes", columns: ["CaseId", "At"]);

        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? """
              INSERT INTO "CaseDeadlines" ("CaseId","ReceivedOn","TermWorkingDays","SuspendedWorkingDays","ExtendedWorkingDays","DueOn")
              SELECT "Id", ("ReceivedAt" AT TIME ZONE 'Europe/Amsterdam')::date, 40, 0, 0, ("ReceivedAt" AT TIME ZONE 'Europe/Amsterdam')::date + 56 FROM "Reports";
              """
            : """
              INSERT INTO "CaseDeadlines" ("CaseId","ReceivedOn","TermWorkingDays","SuspendedWorkingDays","ExtendedWorkingDays","DueOn")
              SELECT "Id", date("ReceivedAt"), 40, 0, 0, date("ReceivedAt", '+56 days') FROM "Reports";
              """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Reports_Queue", table: "Reports");
        migrationBuilder.DropColumn(name: "NotifyEscalations", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "NotifyAssigned", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "Language", table: "AspNetUsers");
        migrationBuilder.DropTable(name: "CaseNotes");
        migrationBuilder.DropTable(name: "CaseDeadlines");
    }
}
