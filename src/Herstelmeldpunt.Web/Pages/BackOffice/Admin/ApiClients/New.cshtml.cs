using System.Globalization;
using System.Security.Claims;
using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Admin.ApiClients;

/// <summary>
/// An administrator registers a system client: name, contact, scopes and a rate limit. The secret is shown
/// once, on this answer (never in an address, never again); only its hash is stored. Logged in the audit log.
/// </summary>
public sealed class NewModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const string ScopeField = "Scope_cases_read";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public string? RequestsPerMinute { get; set; } = "120";

    public List<FieldError> Errors { get; } = [];

    public ApiClient? Created { get; private set; }

    public string? Secret { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = Name?.Trim();
        var contact = Contact?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || HiddenCharacters.In(name))
        {
            Errors.Add(new(nameof(Name), "ApiClients.Error.Name"));
        }
        else if (await db.Set<ApiClient>().AnyAsync(c => c.Name == name, cancellationToken))
        {
            Errors.Add(new(nameof(Name), "ApiClients.Error.NameTaken"));
        }

        if (string.IsNullOrEmpty(contact) || contact.Length > 254 || !IntakeValidator.IsEmail(contact))
        {
            Errors.Add(new(nameof(Contact), "Error.Email.Invalid"));
        }

        var scopes = Scopes.Where(ApiScopes.All.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0 || scopes.Count != Scopes.Distinct().Count())
        {
            Errors.Add(new(ScopeField, "ApiClients.Error.Scopes"));
        }

        if (!int.TryParse(RequestsPerMinute, NumberStyles.None, CultureInfo.InvariantCulture, out var perMinute) || perMinute is < 1 or > 10_000)
        {
            Errors.Add(new(nameof(RequestsPerMinute), "ApiClients.Error.Rate"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        Secret = ApiSecrets.NewSecret();
        Created = new ApiClient
        {
            Id = Guid.CreateVersion7(now),
            Name = name!,
            Contact = contact!,
            Scopes = string.Join(' ', scopes),
            SecretHash = ApiSecrets.Hash(Secret),
            RequestsPerMinute = perMinute,
            CreatedAt = now.UtcDateTime,
            CreatedBy = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        };
        db.Set<ApiClient>().Add(Created);
        Audit.AuditLog.Record(db, clock, User, "api-client.registered", Created.Id.ToString("D"), $"{Created.Name}: {Created.Scopes}");
        await db.SaveChangesAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
