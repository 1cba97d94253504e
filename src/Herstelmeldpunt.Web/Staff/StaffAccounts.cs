using System.Security.Claims;
using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Staff;

/// <summary>Account operations shared by the administration pages and the create-admin command.</summary>
public static class StaffAccounts
{
    public const string SetPasswordPath = "/backoffice/account/wachtwoord-instellen";

    /// <summary>Makes sure every role of <see cref="StaffRoles"/> exists. Idempotent; runs after migrating.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
                }
            }
        }
    }

    /// <summary>The one-time link with which an invited member of staff sets a password.</summary>
    public static async Task<string> SetPasswordLinkAsync(UserManager<StaffUser> users, StaffUser user, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"{baseUrl.TrimEnd('/')}{SetPasswordPath}?gebruiker={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}";
    }

    /// <summary>
    /// Creates the account without a password, with the given roles, and queues the invitation email;
    /// the account, the roles, the email and the audit row are stored together or not at all.
    /// </summary>
    public static async Task<(StaffUser? User, IReadOnlyList<IdentityError> Errors)> InviteAsync(
        AppDbContext db, UserManager<StaffUser> users, TimeProvider clock, ClaimsPrincipal? actor,
        string email, string displayName, IReadOnlyCollection<string> roles, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(clock);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, created.Errors.ToList());
        }

        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            return (null, added.Errors.ToList());
        }

        var link = await SetPasswordLinkAsync(users, user, baseUrl);
        QueueInvitation(db, clock, user, link, $"invite:{user.Id}");
        AuditLog.Record(db, clock, actor, actor is null ? AuditActions.AdministratorCreated : AuditActions.AccountInvited, email, "roles: " + string.Join(", ", roles));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (user, []);
    }

    public static void QueueInvitation(AppDbContext db, TimeProvider clock, StaffUser user, string link, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(user);
        var text =
            $"Beste {user.DisplayName},\n\n" +
            "U heeft een account gekregen voor de backoffice van het meldpunt herstelactie.\n" +
            "Kies uw wachtwoord met deze link (3 dagen geldig, één keer te gebruiken):\n\n" +
            $"{link}\n\n" +
            "Daarna stelt u tweestapsverificatie in met een authenticator-app.\n" +
            "Heeft u dit niet verwacht? Gebruik de link dan niet en meld het bij de beheerder.\n\n" +
            "---\n\n" +
            $"Dear {user.DisplayName},\n\n" +
            "You have been given an account for the back office of the recovery reporting point.\n" +
            "Choose your password with the link above (valid for 3 days, usable once); then set up\n" +
            "two-step verification with an authenticator app.\n";
        var name = System.Net.WebUtility.HtmlEncode(user.DisplayName);
        var href = System.Net.WebUtility.HtmlEncode(link);
        var html =
            "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Uw account</title></head>\n" +
            "<body style=\"font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em;\">\n" +
            "<h1 style=\"font-size: 20px;\">Uw account voor het meldpunt herstelactie</h1>\n" +
            $"<p>Beste {name},</p>\n<p>U heeft een account gekregen voor de backoffice van het meldpunt herstelactie.</p>\n" +
            $"<p><a href=\"{href}\">Kies uw wachtwoord</a> (3 dagen geldig, één keer te gebruiken). Daarna stelt u tweestapsverificatie in met een authenticator-app.</p>\n" +
            "<p>Heeft u dit niet verwacht? Gebruik de link dan niet en meld het bij de beheerder.</p>\n" +
            "<h2 lang=\"en\" style=\"font-size: 18px;\">Your account</h2>\n" +
            $"<p lang=\"en\">Dear {name}, you have been given an account for the back office of the recovery reporting point. " +
            $"<a href=\"{href}\">Choose your password</a> (valid for 3 days, usable once); then set up two-step verification with an authenticator app.</p>\n" +
            "</body></html>\n";
        EmailOutbox.Enqueue(db, clock, idempotencyKey, new OutgoingEmail(user.Email!, "Uw account voor het meldpunt herstelactie / Your account", text, html)
        {
            Template = "invitation",
            Priority = OutboxPriority.Staff,
            ContainsOneTimeLink = true,
        });
    }

    public static async Task<bool> IsLastActiveAdministratorAsync(UserManager<StaffUser> users, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsDisabled || !await users.IsInRoleAsync(user, StaffRoles.Administrator))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(StaffRoles.Administrator);
        return admins.Count(a => !a.IsDisabled) <= 1;
    }
}
