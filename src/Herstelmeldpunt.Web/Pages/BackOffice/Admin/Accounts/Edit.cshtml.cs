using Herstelmeldpunt.Web.Audit;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin.Accounts;

/// <summary>
/// One account: change roles, disable or enable, reset two-factor authentication, send the invitation
/// again. Every change is written to the audit log in the same transaction and changes the security
/// stamp, so the account's open sessions end at once. The last active administrator cannot be removed.
/// </summary>
public sealed class EditModel(AppDbContext db, UserManager<StaffUser> users, TimeProvider clock, EmailOptions email, AuthenticationEvents events) : PageModel
{
    public StaffUser Account { get; private set; } = null!;

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public string? ErrorKey { get; private set; }

    public string? NoticeKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? melding)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Roles = [.. CurrentRoles];
        NoticeKey = melding is { Length: > 0 } ? "Accounts.Notice." + melding switch
        {
            "uitgenodigd" => "Invited",
            "rollen" => "Roles",
            "uitgeschakeld" => "Disabled",
            "ingeschakeld" => "Enabled",
            "2fa" => "TwoFactorReset",
            "opnieuw" => "Resent",
            _ => "Saved",
        } : null;
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var wanted = Roles.Where(StaffRoles.All.Contains).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return Refuse("Accounts.Error.RoleRequired");
        }

        if (!wanted.Contains(StaffRoles.Administrator) && await StaffAccounts.IsLastActiveAdministratorAsync(users, Account))
        {
            return Refuse("Accounts.Error.LastAdministrator");
        }

        return await ChangeAsync(AuditActions.AccountRolesChanged, $"{string.Join(", ", CurrentRoles)} -> {string.Join(", ", wanted)}", "rollen", async () =>
        {
            await Check(users.RemoveFromRolesAsync(Account, CurrentRoles.Except(wanted)));
            await Check(users.AddToRolesAsync(Account, wanted.Except(CurrentRoles)));
        });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (await StaffAccounts.IsLastActiveAdministratorAsync(users, Account))
        {
            return Refuse("Accounts.Error.LastAdministrator");
        }

        return await ChangeAsync(AuditActions.AccountDisabled, string.Empty, "uitgeschakeld", async () =>
        {
            Account.IsDisabled = true;
            await Check(users.SetLockoutEnabledAsync(Account, true));
            await Check(users.SetLockoutEndDateAsync(Account, DateTimeOffset.MaxValue));
        });
    }

    public async Task<IActionResult> OnPostEnableAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return await ChangeAsync(AuditActions.AccountEnabled, string.Empty, "ingeschakeld", async () =>
        {
            Account.IsDisabled = false;
            await Check(users.SetLockoutEndDateAsync(Account, null));
            await Check(users.ResetAccessFailedCountAsync(Account));
        });
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return await ChangeAsync(AuditActions.AccountTwoFactorReset, string.Empty, "2fa", async () =>
        {
            await Check(users.SetTwoFactorEnabledAsync(Account, false));
            await Check(users.ResetAuthenticatorKeyAsync(Account));
            await users.GenerateNewTwoFactorRecoveryCodesAsync(Account, 0); // the old recovery codes stop working
        });
    }

    public async Task<IActionResult> OnPostResendAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Account.PasswordHash is not null)
        {
            return Refuse("Accounts.Error.AlreadyActive");
        }

        var baseUrl = email.BaseUrl(Request);
        return await ChangeAsync(AuditActions.AccountInvitationResent, string.Empty, "opnieuw", async () =>
        {
            var link = await StaffAccounts.SetPasswordLinkAsync(users, Account, baseUrl);
            StaffAccounts.QueueInvitation(db, clock, Account, link, $"invite:{Account.Id}:{clock.GetUtcNow().UtcTicks}");
        });
    }

    private async Task<IActionResult> ChangeAsync(string action, string details, string notice, Func<Task> change)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await change();
        await Check(users.UpdateSecurityStampAsync(Account)); // ends the account's sessions; also saves Account
        AuditLog.Record(db, clock, User, action, Account.Email ?? Account.Id, details);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        events.Log(action, Account.Id); // the structured log line beside the audit row (role change, 2FA reset, …)
        return RedirectToPage("/BackOffice/Admin/Accounts/Edit", new { id = Account.Id, melding = notice });
    }

    private PageResult Refuse(string key)
    {
        ErrorKey = key;
        Roles = [.. CurrentRoles];
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return false;
        }

        Account = account;
        CurrentRoles = (await users.GetRolesAsync(account)).ToList();
        return true;
    }

    private static async Task Check(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Account change failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
