using System.Data.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Herstelmeldpunt.Web.Tests.Data;

/// <summary>
/// The migrations are written by hand (no EF Design package here). This builds one database from the
/// migrations and one from the model, and demands the same tables, columns, types, nullability and
/// indexes, so a model change without a migration (or a wrong migration) fails here, on each provider.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model_on_sqlite()
    {
        var directory = Directory.CreateTempSubdirectory("hm-schema-");
        try
        {
            var migrated = await DescribeAsync(Sqlite(Path.Combine(directory.FullName, "migrated.db")), migrate: true);
            var created = await DescribeAsync(Sqlite(Path.Combine(directory.FullName, "created.db")), migrate: false);

            Assert.NotEmpty(migrated);
            Assert.Equal(created, migrated);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model_on_postgres()
    {
        using var migratedDb = PostgresDatabase.Create();
        using var createdDb = PostgresDatabase.Create();

        var migrated = await DescribeAsync(Postgres(migratedDb.ConnectionString), migrate: true);
        var created = await DescribeAsync(Postgres(createdDb.ConnectionString), migrate: false);

        Assert.NotEmpty(migrated);
        Assert.Equal(created, migrated);
    }

    [Fact]
    public Task Migrating_twice_changes_nothing() => InSqliteFileAsync(async options =>
    {
        await using (var db = options.Open())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = options.Open())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        }
    });

    [Fact]
    public Task Reports_filed_before_the_workflow_existed_get_a_case_in_screening_on_sqlite() => InSqliteFileAsync(ExistingReportsGetACaseAsync);

    [Fact]
    public async Task Reports_filed_before_the_workflow_existed_get_a_case_in_screening_on_postgres()
    {
        using var database = PostgresDatabase.Create();
        await ExistingReportsGetACaseAsync(Postgres(database.ConnectionString));
    }

    [Fact]
    public Task A_sqlite_database_made_by_the_hand_written_migrations_upgrades_to_the_generated_ones_with_its_data() => InSqliteFileAsync(UpgradesWithItsDataAsync);

    [Fact]
    public async Task A_postgres_database_made_by_the_hand_written_migrations_upgrades_to_the_generated_ones_with_its_data()
    {
        using var database = PostgresDatabase.Create();
        await UpgradesWithItsDataAsync(Postgres(database.ConnectionString));
    }

    [Fact]
    public Task Register_members_who_reported_before_the_upgrade_are_marked_reported_on_sqlite() => InSqliteFileAsync(MarksWhoReportedAsync);

    [Fact]
    public async Task Register_members_who_reported_before_the_upgrade_are_marked_reported_on_postgres()
    {
        using var database = PostgresDatabase.Create();
        await MarksWhoReportedAsync(Postgres(database.ConnectionString));
    }

    /// <summary>Before "reported" was kept on the member it was a join; the migration fills it in from the reports.</summary>
    private static async Task MarksWhoReportedAsync(Target target)
    {
        var receivedAt = new DateTime(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc);
        await using (var db = target.Open())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201040000_ChangedSinceIndex");
            foreach (var (at, name) in new[] { (receivedAt.AddDays(5), "Tweede"), (receivedAt, "Eerste") })
            {
                db.Reports.Add(new Herstelmeldpunt.Web.Reports.Report { Id = Guid.NewGuid(), ReferenceNumber = Herstelmeldpunt.Web.Reports.ReferenceNumber.NewNumber(), IdempotencyKey = Guid.NewGuid(), ReceivedAt = at, FullName = name, Bsn = "111222333", Description = "oud" });
            }

            await SaveInOldSchemaAsync(db);
            foreach (var bsn in new[] { "111222333", "444555666" })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "TargetGroupMembers" ("Id", "Bsn", "BsnHash", "FullName", "BenefitType", "ReassessmentDate", "Team", "ImportedAt")
                    VALUES ({Guid.NewGuid()}, 'x', {Cipher.BsnHash(bsn)}, 'x', 'Wga', {new DateOnly(2019, 3, 14)}, 'OTN', {receivedAt})
                    """);
            }
        }

        await using (var db = target.Open())
        {
            await db.Database.MigrateAsync();
            var reported = await db.TargetGroupMembers.AsNoTracking().ToDictionaryAsync(m => m.BsnHash, m => m.ReportedAt);
            Assert.Equal(receivedAt, reported[Cipher.BsnHash("111222333")]); // the first report's time
            Assert.Null(reported[Cipher.BsnHash("444555666")]);
        }
    }

    /// <summary>The database as the last hand-written migration left it, with a report; then today's migrations.</summary>
    private static async Task UpgradesWithItsDataAsync(Target target)
    {
        var id = Guid.NewGuid();
        await using (var db = target.Open())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261130220000_DataProtectionKeys");
            db.Reports.Add(new Herstelmeldpunt.Web.Reports.Report { Id = id, ReferenceNumber = Herstelmeldpunt.Web.Reports.ReferenceNumber.NewNumber(), IdempotencyKey = Guid.NewGuid(), FullName = "Bewaard Gebleven", Bsn = "111222333", Description = "oud" });
            await SaveInOldSchemaAsync(db);
            Assert.Equal("20261130230000_Baseline", (await db.Database.GetPendingMigrationsAsync()).First()); // then the generated ones
        }

        await using (var db = target.Open())
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Contains("20261130230000_Baseline", await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal("Bewaard Gebleven", (await db.Reports.SingleAsync(r => r.Id == id)).FullName);
        }
    }

    private static async Task ExistingReportsGetACaseAsync(Target options)
    {
        var reportId = Guid.NewGuid();
        await using (var db = options.Open())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122080000_StaffAccountsAndTargetGroup");
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Reports" ("Id", "ReferenceNumber", "IdempotencyKey", "ReceivedAt", "Source", "Urgency", "Language", "FullName", "Bsn", "DateOfBirth",
                    "PreferredChannel", "PreferredTime", "FiledByRepresentative", "RepresentativeDeclaredAuthorised", "EmotionalTrouble", "PsychologicalTrouble",
                    "FinancialTrouble", "Description", "NoIncome", "DebtCollectionOrEviction", "CrisisOrDanger", "ConsentGivenAt")
                VALUES ({0}, 'HM-0000-0000-0', {1}, {2}, 'PublicForm', 2, 'nl', 'Oud', '111222333', {3}, 'Phone', 'Morning', FALSE, FALSE, TRUE, FALSE, FALSE, 'x', TRUE, FALSE, FALSE, {2})
                """,
                reportId, Guid.NewGuid(), new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), new DateOnly(1960, 1, 1));
        }

        await using (var db = options.Open())
        {
            await db.Database.MigrateAsync();
            var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == reportId);
            Assert.Equal(("herstelmelding", 1, "screening", 1), (instance.DefinitionId, instance.DefinitionVersion, instance.State, instance.Version));
            var start = await db.WorkflowJournal.SingleAsync(j => j.InstanceId == reportId);
            Assert.Equal(("start", "screening", 1), (start.Transition, start.ToState, start.Sequence));
        }
    }

    private static readonly FieldCipher Cipher = FieldCipher.Generate();

    /// <summary>Runs <paramref name="test"/> on a new SQLite file in a directory of its own, removed afterwards.</summary>
    private static async Task InSqliteFileAsync(Func<Target, Task> test)
    {
        var directory = Directory.CreateTempSubdirectory("hm-schema-");
        try
        {
            await test(Sqlite(Path.Combine(directory.FullName, "data.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A database to open with the provider's own context (and so its own migrations).</summary>
    private sealed record Target(Func<AppDbContext> Open);

    /// <summary>Saves rows made with today's model into a database at an older migration: the columns later migrations add to Reports (FormStamp, LastMessageAt, CaseState) are there only while it saves.</summary>
    private static async Task SaveInOldSchemaAsync(AppDbContext db)
    {
        var npgsql = db.Database.IsNpgsql();
        await db.Database.ExecuteSqlRawAsync(npgsql ? "ALTER TABLE \"Reports\" ADD COLUMN \"FormStamp\" uuid NULL" : "ALTER TABLE \"Reports\" ADD COLUMN \"FormStamp\" TEXT NULL");
        await db.Database.ExecuteSqlRawAsync(npgsql ? "ALTER TABLE \"Reports\" ADD COLUMN \"LastMessageAt\" timestamp with time zone NULL" : "ALTER TABLE \"Reports\" ADD COLUMN \"LastMessageAt\" TEXT NULL");
        await db.Database.ExecuteSqlRawAsync(npgsql ? "ALTER TABLE \"Reports\" ADD COLUMN \"CaseState\" character varying(50) NULL" : "ALTER TABLE \"Reports\" ADD COLUMN \"CaseState\" TEXT NULL");
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Reports\" DROP COLUMN \"FormStamp\"");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Reports\" DROP COLUMN \"LastMessageAt\"");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Reports\" DROP COLUMN \"CaseState\"");
    }

    private static Target Sqlite(string file) =>
        new(() => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file}").UseFieldCipher(Cipher).Options));

    private static Target Postgres(string connectionString) =>
        new(() => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).UseFieldCipher(Cipher).Options));

    private static async Task<List<string>> DescribeAsync(Target options, bool migrate)
    {
        await using var db = options.Open();
        if (migrate)
        {
            await db.Database.MigrateAsync();
        }
        else
        {
            await db.Database.EnsureCreatedAsync();
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var queries = db.Database.IsSqlite()
            ? new[]
            {
                """
                SELECT m.name || '.' || p.name || ' ' || upper(p.type) || (CASE WHEN p."notnull" = 1 THEN ' not null' ELSE ' null' END) || (CASE WHEN p.pk > 0 THEN ' pk' ELSE '' END)
                FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__EFMigrations%'
                """,
                """
                SELECT 'index ' || m.tbl_name || '.' || m.name || (CASE WHEN l."unique" = 1 THEN ' unique' ELSE '' END) || ' (' ||
                       (SELECT group_concat(i.name, ',') FROM pragma_index_info(m.name) i) || ')'
                FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
                WHERE m.type = 'index' AND m.tbl_name NOT LIKE '__EFMigrations%'
                """,
            }
            : new[]
            {
                """
                SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EFMigrations%'
                """,
                """
                SELECT 'index ' || tablename || '.' || indexname || ' ' || indexdef
                FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EFMigrations%'
                """,
                """
                SELECT 'constraint ' || table_name || '.' || constraint_name || ' ' || constraint_type
                FROM information_schema.table_constraints
                WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EFMigrations%' AND constraint_type <> 'CHECK'
                """,
            };

        var lines = new List<string>();
        foreach (var sql in queries)
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
