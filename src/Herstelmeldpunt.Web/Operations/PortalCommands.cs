using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Staff;

namespace Herstelmeldpunt.Web.Operations;

/// <summary>
/// What the portal does before it serves, and its command-line modes: <c>migrate</c> (the deploy step: both
/// schemas, then exit), migrating at start (the embedded default), <c>reencrypt</c> (after a key rotation),
/// <c>create-admin EMAIL "NAME"</c> (the first administrator) and <c>demo</c> (Development only: made-up data, then serve). Returns true when a command ran and the process should end.
/// </summary>
public static class PortalCommands
{
    public static async Task<bool> RunAsync(WebApplication app, string[] args, DatabaseOptions database, EmailOptions email)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(email);
        if (Has(args, DemoCommand.Argument) && !app.Environment.IsDevelopment())
        {
            Environment.ExitCode = await DemoCommand.RefuseAsync(Console.Out); // before anything is migrated or checked: nothing changes
            return true;
        }

        if (Has(args, "migrate"))
        {
            await PrepareDatabaseAsync(app.Services);
            _ = app.Services.GetRequiredService<Hangfire.JobStorage>(); // on PostgreSQL without an owner of its own: makes or upgrades Hangfire's schema
            Console.WriteLine("Database migrated.");
            foreach (var figures in app.Services.GetServices<Management.IKeptFigures>().OrderBy(f => f.Order))
            {
                // Figures that take seconds at a national scale, stored before any node serves (afterwards the job 'figures' keeps them).
                if (await figures.StoreIfMissingAsync(CancellationToken.None))
                {
                    Console.WriteLine($"Figures '{figures.Name}' computed and stored.");
                }
            }
            return true;
        }

        if (database.MigrateOnStartup)
        {
            await PrepareDatabaseAsync(app.Services);
        }

        if (Has(args, "reencrypt"))
        {
            // After a key rotation (a new Encryption:CurrentKey) or an upgrade from before encryption.
            Console.WriteLine($"Written again with key '{app.Services.GetRequiredService<FieldCipher>().CurrentKeyId}': {await EncryptionMaintenance.ReencryptAllAsync(app.Services, Console.Out)} rows.");
            return true;
        }

        StartupChecks.LinkAddress(app, email);
        if (Has(args, DemoCommand.Argument))
        {
            if (await DemoCommand.RunAsync(app.Services, app.Environment, Console.Out) is { } exitCode)
            {
                Environment.ExitCode = exitCode;
                return true;
            }

            app.Services.GetRequiredService<DemoOptions>().Enabled = true; // seeded: serve, with the banner on every page
            return false;
        }

        if (Has(args, "create-admin"))
        {
            Environment.ExitCode = await CreateAdministratorCommand.RunAsync(app.Services, args, Console.Out);
            return true;
        }

        return false;
    }

    /// <summary>What the deploy step does, and a node that migrates at start: the schema, the key ring without plain keys, the search hashes of rows written before they existed, the staff roles.</summary>
    private static async Task PrepareDatabaseAsync(IServiceProvider services)
    {
        await DatabaseSetup.MigrateAsync(services);
        Scheduling.BackgroundJobs.PrepareSchemaAsOwner(services);
        await using (var scope = services.CreateAsyncScope())
        {
            // Key-ring entries from before they were encrypted go (everyone signs in again once): a copy of the database must not be a key.
            await KeyRingProtection.RemovePlainKeysAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
        }

        await EncryptionMaintenance.BackfillHashesAsync(services);
        await StaffAccounts.EnsureRolesAsync(services);
    }

    private static bool Has(string[] args, string command) => args.Contains(command, StringComparer.OrdinalIgnoreCase);
}
