using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Hand-written (docs/adr/0002): on PostgreSQL, a trigram index on the reporter's name so that searching
/// by part of a name does not walk a million rows (pg_trgm is a trusted extension: the database owner
/// may create it). SQLite has nothing to add.
/// </summary>
public class NameSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_Reports_FullName\" ON \"Reports\" USING gin (\"FullName\" gin_trgm_ops);");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Reports_FullName\";");
        }
    }
}
