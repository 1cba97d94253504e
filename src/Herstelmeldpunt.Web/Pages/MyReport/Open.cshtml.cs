using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Reporters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.MyReport;

/// <summary>
/// The emailed link. Opening it (GET) changes nothing — mail scanners that follow links cannot use it
/// up; the button (POST) uses the one-time token and starts a session for that one report.
/// </summary>
public sealed class OpenModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public bool Usable { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Usable = await ReporterAccess.IsUsableAsync(db, clock, token, cancellationToken);

    /// <param name="bericht">The message the mail's "call me back" link is about: after signing in, the callback page with it chosen.</param>
    public async Task<IActionResult> OnPostAsync(string token, string? bericht, CancellationToken cancellationToken)
    {
        var access = await ReporterAccess.RedeemAsync(db, clock, token, cancellationToken);
        if (access is null)
        {
            Usable = false;
            return Page();
        }

        // Mijn melding speaks the language the person filed in (or chose later).
        var language = await db.Reports.Where(r => r.Id == access.ReportId).Select(r => r.Language).SingleOrDefaultAsync(cancellationToken);
        if (Localization.Cultures.FromLanguage(language ?? "nl") is { } culture)
        {
            Localization.Cultures.Remember(HttpContext, culture);
        }

        await ReporterSignIns.SignInAsync(HttpContext, access.ReportId, access.ForRepresentative, cancellationToken);
        return Guid.TryParse(bericht, out var message) ? Redirect($"/mijn-melding/terugbellen?over={message:N}") : RedirectToPage("/MyReport/Index");
    }
}
