using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Account;

/// <summary>A member of staff chooses their language (back office and emails) and which notifications they get by email; links to changing their password and authenticator.</summary>
public sealed class SettingsModel(UserManager<StaffUser> users) : PageModel
{
    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public bool NotifyAssigned { get; set; }

    [BindProperty]
    public bool NotifyEscalations { get; set; }

    [BindProperty]
    public bool NotifyDeadlineSoon { get; set; }

    public bool Saved { get; private set; }

    public bool PasswordChanged { get; private set; }

    public string? ErrorKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool opgeslagen = false, string? melding = null)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        (Language, NotifyAssigned, NotifyEscalations, NotifyDeadlineSoon, Saved) = (user.Language, user.NotifyAssigned, user.NotifyEscalations, user.NotifyDeadlineSoon, opgeslagen);
        PasswordChanged = melding == "wachtwoord";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (Cultures.FromLanguage(Language) is not { } culture)
        {
            ErrorKey = "Settings.Error.Language";
            return Page();
        }

        user.Language = Language!;
        user.NotifyAssigned = NotifyAssigned;
        user.NotifyEscalations = NotifyEscalations;
        user.NotifyDeadlineSoon = NotifyDeadlineSoon;
        await users.UpdateAsync(user);
        Cultures.Remember(HttpContext, culture);
        return RedirectToPage(new { opgeslagen = true });
    }
}
