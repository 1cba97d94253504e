using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herstelmeldpunt.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The role the application's own login belongs to (ADR 0026): reads and writes every table, but only adds to and reads
    /// the append-only logs (AuditEntries, AccessLog, DeletionLog) — it cannot change or empty them, nor drop their
    /// triggers, because the tables belong to the owner who migrates. Tables, sequences and schemas the owner makes later
    /// (the next migrations, Hangfire's schema) are granted by default. Roles belong to the whole server: the role is made
    /// once, and a second database (or a second migration at the same moment) finds it there.
    /// </summary>
    public partial class AppRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    CREATE ROLE herstelmeldpunt_app NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END $$;

                DO $$
                DECLARE s text;
                BEGIN
                    -- Every schema the owner has made so far (public, Hangfire's if it is there already).
                    FOR s IN SELECT nspname FROM pg_namespace WHERE (nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) OR nspname = 'public') AND nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' LOOP
                        EXECUTE format('GRANT USAGE ON SCHEMA %I TO herstelmeldpunt_app', s);
                        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO herstelmeldpunt_app', s);
                        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO herstelmeldpunt_app', s);
                    END LOOP;
                END $$;

                ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO herstelmeldpunt_app;
                ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO herstelmeldpunt_app;
                ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO herstelmeldpunt_app;

                REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries", "AccessLog", "DeletionLog" FROM herstelmeldpunt_app;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER DEFAULT PRIVILEGES REVOKE ALL ON SCHEMAS FROM herstelmeldpunt_app;
                ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM herstelmeldpunt_app;
                ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM herstelmeldpunt_app;
                DO $$
                DECLARE s text;
                BEGIN
                    FOR s IN SELECT nspname FROM pg_namespace WHERE (nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) OR nspname = 'public') AND nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' LOOP
                        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM herstelmeldpunt_app', s);
                        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM herstelmeldpunt_app', s);
                        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM herstelmeldpunt_app', s);
                    END LOOP;
                END $$;
                """);
        }
    }
}
