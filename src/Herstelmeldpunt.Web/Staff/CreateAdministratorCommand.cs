using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Microsoft.AspNetCore.Identity;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>
/// <c>dotnet run --project src/Herstelmeldpunt.Web -- create-admin EMAIL "NAME"</c>: creates the first
/// administrator with no password and prints a one-time link to choose one (also queued as email).
/// There is never a default password.
/// </summary>
public static class CreateAdministratorCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var index = Array.FindIndex(args, a => a.Equals("create-admin", StringComparison.OrdinalIgnoreCase));
        var email = args.ElementAtOrDefault(index + 1);
        var name = args.ElementAtOrDefault(index + 2) ?? email;
        if (string.IsNullOrWhiteSpace(email) || !Intake.IntakeValidator.IsEmail(email))
        {
            await output.WriteLineAsync("Usage: create-admin EMAIL [\"DISPLAY NAME\"]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var users = provider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await output.WriteLineAsync($"An account for {email} exists already; nothing changed.");
            return 1;
        }

        var mail = provider.GetRequiredService<EmailOptions>();
        // The public address; else where the portal on this data directory last listened (it may have been started
        // with another --urls than this command); else this command's own listening setting.
        var baseUrl = mail.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
            : Operations.ListeningAddress.Read(provider.GetRequiredService<Data.DatabaseOptions>().DataDirectory) ?? mail.ListeningBaseUrl;
        var (user, errors) = await StaffAccounts.InviteAsync(
            provider.GetRequiredService<AppDbContext>(), users, provider.GetRequiredService<TimeProvider>(), actor: null,
            email, name!, [StaffRoles.Administrator], baseUrl);
        if (user is null)
        {
            await output.WriteLineAsync("Could not create the administrator: " + string.Join("; ", errors.Select(e => e.Description)));
            return 1;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("==================================================================");
        await output.WriteLineAsync($"Administrator {email} created. Choose a password within 3 days at:");
        await output.WriteLineAsync(await StaffAccounts.SetPasswordLinkAsync(users, user, baseUrl));
        await output.WriteLineAsync("==================================================================");
        return 0;
    }
}
