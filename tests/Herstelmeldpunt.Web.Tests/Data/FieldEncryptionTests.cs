using System.Diagnostics;
using System.Text;
using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Herstelmeldpunt.Web.Tests.Data;

/// <summary>Personal data at rest: what a dump of the database and the documents folder show, search that still works, keys that rotate.</summary>
public abstract class FieldEncryptionTests
{
    protected abstract AppFactory NewApp();

    /// <summary>Everything the database holds, as a person with a copy of it would read it.</summary>
    protected abstract Task<string> DumpAsync(AppFactory app);

    [Fact]
    public async Task A_dump_shows_no_bsn_name_description_or_address_in_clear_text_and_search_by_bsn_still_works()
    {
        await using var app = NewApp();
        var bsn = TestBsn.Next();
        var marker = "Geheimverhaal" + Guid.NewGuid().ToString("N")[..8];
        var name = "Zwijger Q" + bsn;
        var email = $"persoon{bsn}@example.nl";
        var answers = IntakeJourney.ValidAnswers(name);
        answers["Form.Bsn"] = bsn;
        answers["Form.Email"] = email;
        answers["Form.Description"] = "Mijn gezondheid: " + marker;
        var receipt = await new IntakeJourney(app).FileReportAsync(answers);
        var reference = receipt.Document.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var caseId = await app.WithDbAsync(db => db.Reports.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        var intake = await StaffSession.SignInAsNewAsync(app, StaffRoles.IntakeStaff);
        Assert.True((await intake.TakeAsync(caseId, "request_information", new Dictionary<string, string?> { ["question"] = "Vraag over " + marker, ["answer_by"] = "2026-12-07" })).WasApplied());
        string documentPath;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Set<CaseNote>().Add(new CaseNote { Id = Guid.NewGuid(), CaseId = caseId, AuthorId = intake.Account.Id, AuthorName = "Test", At = app.Clock.GetUtcNow().UtcDateTime, Text = "Notitie " + marker });
            var store = scope.ServiceProvider.GetRequiredService<DocumentStore>();
            await store.WriteAsync(caseId, [new CheckedFile(IncomingFile.FromBytes(name + ".pdf", Encoding.ASCII.GetBytes("%PDF-1.4 " + marker)), FileKind.Pdf)], "reporter", null, CancellationToken.None);
            await db.SaveChangesAsync();
            var document = await db.CaseDocuments.SingleAsync(d => d.CaseId == caseId);
            documentPath = Path.Combine(store.Folder, document.Id.ToString("N"));
            var (_, content) = (await store.OpenAsync(caseId, document.Id, CancellationToken.None))!.Value;
            using var reader = new StreamReader(content);
            Assert.Contains(marker, await reader.ReadToEndAsync(), StringComparison.Ordinal); // staff read it as it was sent
        }

        var dump = await DumpAsync(app);
        Assert.Contains("enc1:", dump, StringComparison.Ordinal);
        Assert.Contains(reference, dump, StringComparison.Ordinal); // the dump is real: the reference is not personal data
        foreach (var secret in new[] { bsn, name, marker, email })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(marker, Encoding.ASCII.GetString(await File.ReadAllBytesAsync(documentPath)), StringComparison.Ordinal);

        // Search by BSN and by whole words of the name keeps working; a part of a word finds nothing.
        var staff = await StaffSession.SignInAsNewAsync(app, StaffRoles.Manager);
        string[] Found(HtmlPage page) => [.. page.Document.QuerySelectorAll("[data-testid=cases] tbody tr td:first-child a").Select(a => a.TextContent.Trim())];
        Assert.Equal([reference], Found(await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=" + bsn)));
        Assert.Equal([reference], Found(await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=" + Uri.EscapeDataString("q" + bsn + " ZWIJGER"))));
        Assert.Empty(Found(await staff.Client.GetPageAsync("/backoffice/meldingen?zoek=" + Uri.EscapeDataString("Zwijge q" + bsn))));
        var details = await staff.Client.GetPageAsync($"/backoffice/meldingen/{caseId}");
        Assert.Contains(name, details.Html, StringComparison.Ordinal);
        Assert.Contains(marker, details.Html, StringComparison.Ordinal);
    }
}

public sealed class FieldEncryptionTestsOnSqlite : FieldEncryptionTests
{
    protected override AppFactory NewApp() => new SqliteAppFactory();

    protected override async Task<string> DumpAsync(AppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"));
        var file = ((SqliteAppFactory)app).DatabaseFile;
        var bytes = (await File.ReadAllBytesAsync(file)).Concat(File.Exists(file + "-wal") ? await File.ReadAllBytesAsync(file + "-wal") : []).ToArray();
        return Encoding.UTF8.GetString(bytes); // every page of the file, free pages too
    }

    [Fact]
    public async Task Without_configured_keys_a_first_start_makes_a_key_file_readable_by_the_app_alone()
    {
        await using var app = new SqliteAppFactory();
        foreach (var key in app.Settings.Keys.Where(k => k.StartsWith("Encryption:", StringComparison.Ordinal)).ToList())
        {
            app.Settings.Remove(key);
        }

        var caseId = await app.FileReportAsync(TestBsn.Next());
        var file = Path.Combine(app.DataDirectory, "keys", "field-encryption.json");
        Assert.True(File.Exists(file));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Bsn FROM Reports WHERE Id = $id";
        command.Parameters.AddWithValue("$id", caseId.ToString().ToUpperInvariant());
        Assert.StartsWith("enc1:1:", (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_key_reads_old_values_and_reencrypt_moves_every_row_to_the_new_key()
    {
        var directory = Directory.CreateTempSubdirectory("hm-rotation-");
        try
        {
            var file = Path.Combine(directory.FullName, "data.db");
            var keyA = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var keyB = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var hashKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            ServiceProvider Services(string current, params (string Id, byte[] Key)[] keys)
            {
                var services = new ServiceCollection();
                services.AddSingleton(new FieldCipher(keys.ToDictionary(k => k.Id, k => k.Key), current, hashKey));
                services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" });
                return services.BuildServiceProvider();
            }

            var id = Guid.NewGuid();
            await using (var onlyA = Services("a", ("a", keyA)))
            {
                await DatabaseSetup.MigrateAsync(onlyA);
                await using var scope = onlyA.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Reports.Add(new Report { Id = id, ReferenceNumber = ReferenceNumber.NewNumber(), IdempotencyKey = Guid.NewGuid(), FullName = "Roos Roteer", Bsn = "111222333", Description = "oud verhaal", Email = "roos@example.nl" });
                await db.SaveChangesAsync();
            }

            async Task<string> StoredBsnAsync()
            {
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT Bsn FROM Reports";
                return (string)(await command.ExecuteScalarAsync())!;
            }

            Assert.StartsWith("enc1:a:", await StoredBsnAsync(), StringComparison.Ordinal);
            await using (var both = Services("b", ("a", keyA), ("b", keyB)))
            {
                await using (var scope = both.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    Assert.Equal("Roos Roteer", (await db.Reports.SingleAsync(r => r.BsnHash == db.Cipher.BsnHash("111222333"))).FullName); // old values readable, hash unchanged
                }

                using var output = new StringWriter();
                Assert.True(await EncryptionMaintenance.ReencryptAllAsync(both, output) >= 1);
                Assert.Contains("Reports: 1 rows", output.ToString(), StringComparison.Ordinal);
            }

            Assert.StartsWith("enc1:b:", await StoredBsnAsync(), StringComparison.Ordinal);
            await using (var onlyB = Services("b", ("b", keyB)))
            {
                await using var scope = onlyB.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Reports.SingleAsync(r => r.Id == id);
                Assert.Equal(("Roos Roteer", "111222333", "oud verhaal", "roos@example.nl"), (report.FullName, report.Bsn, report.Description, report.Email));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}

public sealed class FieldEncryptionTestsOnPostgres : FieldEncryptionTests
{
    protected override AppFactory NewApp() => new PostgresAppFactory();

    /// <summary>pg_dump of the test database: schema and data, as a backup would hold them.</summary>
    protected override async Task<string> DumpAsync(AppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var connection = new NpgsqlConnectionStringBuilder(app.DatabaseConnectionString);
        var start = new ProcessStartInfo(TestServices.PgDumpPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", connection.Username!, "--dbname", connection.Database!, "--no-owner" })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(connection.Password))
        {
            start.Environment["PGPASSWORD"] = connection.Password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await error);
        return await output;
    }
}
