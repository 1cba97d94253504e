using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Data.Migrations;

/// <summary>
/// Triggers that refuse every UPDATE and DELETE of a table, whoever sends it (a log that must only grow):
/// a PL/pgSQL function and two triggers on PostgreSQL, two RAISE(ABORT) triggers on SQLite. The model
/// declares the trigger names (<c>HasTrigger</c>) so EF does not batch around them.
/// </summary>
internal static class AppendOnlyTable
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static void Create(MigrationBuilder migrationBuilder, string table, string function, string message)
    {
        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '{message}'; END $$;
                CREATE TRIGGER "{table}_NoUpdate" BEFORE UPDATE ON "{table}" FOR EACH ROW EXECUTE FUNCTION {function}();
                CREATE TRIGGER "{table}_NoDelete" BEFORE DELETE ON "{table}" FOR EACH ROW EXECUTE FUNCTION {function}();
                """);
        }
        else
        {
            migrationBuilder.Sql($"CREATE TRIGGER \"{table}_NoUpdate\" BEFORE UPDATE ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{message}'); END;");
            migrationBuilder.Sql($"CREATE TRIGGER \"{table}_NoDelete\" BEFORE DELETE ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{message}'); END;");
        }
    }

    /// <summary>After the table is dropped (its triggers go with it): the PostgreSQL function.</summary>
    public static void DropFunction(MigrationBuilder migrationBuilder, string function)
    {
        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.Sql($"DROP FUNCTION IF EXISTS {function}();");
        }
    }
}
