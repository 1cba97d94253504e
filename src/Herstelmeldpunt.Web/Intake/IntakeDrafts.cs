using System.Text.Json;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Email;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Intake;

/// <summary>Configuration section "IntakeDrafts": how long a saved form waits (the page and the mail say until when).</summary>
public sealed class IntakeDraftOptions
{
    public const string Section = "IntakeDrafts";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// "Save and continue later" on the public form: stores the answers encrypted and mails a link to finish; saving again
/// (also after coming back through the link) keeps one draft with a new link and a new expiry, and the older link no
/// longer works. Sending the report removes the draft. Scoped.
/// </summary>
public sealed class IntakeDrafts(AppDbContext db, TimeProvider clock, IntakeDraftOptions options, EmailTemplates templates, PublicUrls urls, Reporters.ReportingPointContact contact)
{
    public const string Template = "intake_draft_saved";

    /// <summary>The path of the link in the mail: the form itself, with the draft's token.</summary>
    public const string LinkPath = "/melden?concept=";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A save repeated this soon with the same answers is the same save (a double click, a retried request).</summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);

    /// <summary>What the link finds: the answers to continue with (null: replaced, sent or expired), and the language it was saved in (also when expired, until the job removes it).</summary>
    public sealed record Opened(IntakeForm? Form, DateTime? ExpiresAt, string? Language)
    {
        /// <summary>The language the form was saved in when this request speaks another: the form is shown in it.</summary>
        public System.Globalization.CultureInfo? SavedInOtherLanguage() =>
            Language is { } language && language != Localization.Cultures.CurrentLanguage ? Localization.Cultures.FromLanguage(language) : null;
    }

    /// <summary>
    /// Where the link goes: the address typed in the form — the helper's when filing for someone else. Without a
    /// well-formed one, the error for that field (nothing is kept).
    /// </summary>
    private static (string? Email, Forms.FieldError? Error) LinkAddress(IntakeForm form)
    {
        var email = ContactRules.Clean(form.IsForSomeoneElse ? form.RepresentativeEmail : form.Email);
        return email is not null && IntakeValidator.IsEmail(email) && email.Length <= Reports.FieldLimits.Email
            ? (email, null)
            : (null, form.IsForSomeoneElse
                ? new Forms.FieldError(nameof(IntakeForm.RepresentativeEmail), "Intake.Save.NeedsRepresentativeEmail")
                : new Forms.FieldError(nameof(IntakeForm.Email), "Intake.Save.NeedsEmail"));
    }

    /// <summary>
    /// Saves the form (a new draft, or the one whose token the form carries) and queues the mail with the new link, in
    /// one save, and remembers in this browser that the form was saved (<see cref="RememberSaved"/>). Returns the
    /// draft's id (for the "saved" page), or without an address for the link the error for its field (nothing kept).
    /// </summary>
    public async Task<(Guid Id, Forms.FieldError? Error)> SaveAsync(HttpContext http, IntakeForm form, string? currentToken, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (email, error) = LinkAddress(form);
        if (email is null)
        {
            return (Guid.Empty, error);
        }

        var id = await StoreAsync(form, currentToken, email, language, cancellationToken);
        RememberSaved(http, Guid.Parse(form.IdempotencyKey!));
        return (id, null);
    }

    private async Task<Guid> StoreAsync(IntakeForm form, string? currentToken, string email, string language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var formKey = Guid.Parse(form.IdempotencyKey!);
        var answers = JsonSerializer.Serialize(Kept(form), Json);
        // The draft this form carries the link of; else the one saved from this same form (a double click, the back button).
        var draft = (currentToken is { Length: > 0 } ? await FindAsync(currentToken, now.UtcDateTime, cancellationToken) : null)
            ?? await db.Set<IntakeDraft>().FirstOrDefaultAsync(d => d.FormKey == formKey, cancellationToken);
        if (draft is not null && draft.ExpiresAt > now.UtcDateTime && draft.Answers == answers && draft.Email == email && now.UtcDateTime - draft.SavedAt < RepeatWindow)
        {
            return draft.Id; // the same save again within a minute: the mail already sent stays the one valid link
        }

        if (draft is null)
        {
            draft = new IntakeDraft { Id = Guid.CreateVersion7(now), FormKey = formKey };
            db.Add(draft);
        }

        var token = Reporters.ReporterAccess.NewToken();
        draft.TokenHash = Reporters.ReporterAccess.Hash(token);
        draft.Answers = answers;
        draft.Email = email;
        draft.Language = language == "en" ? "en" : "nl";
        draft.SavedAt = now.UtcDateTime;
        draft.ExpiresAt = (now + options.Lifetime).UtcDateTime;

        var values = EmailTemplates.Placeholders.ToDictionary(p => p, _ => "-");
        values["link"] = urls.Base() + LinkPath + token;
        values["link_until"] = Common.AmsterdamTime.Spelled(draft.ExpiresAt, draft.Language == "en" ? Localization.Cultures.English : Localization.Cultures.Dutch);
        values["contact_phone"] = contact.Phone;
        var rendered = templates.Render(Template, draft.Language, values);
        EmailOutbox.Enqueue(db, clock, $"draft:{draft.Id:N}:{draft.TokenHash[..16]}", new OutgoingEmail(email, rendered.Subject, rendered.Text, rendered.Html)
        {
            Template = Template,
            Priority = OutboxPriority.Reporter,
            ContainsOneTimeLink = true,
        });
        await db.SaveChangesAsync(cancellationToken);
        return draft.Id;
    }

    /// <summary>The answers behind a link, if it is the newest link of a draft that has not expired.</summary>
    public async Task<Opened> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Reporters.ReporterAccess.Hash(token);
        var draft = await db.Set<IntakeDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.TokenHash == hash, cancellationToken);
        if (draft is null || draft.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return new Opened(null, null, draft?.Language);
        }

        var form = JsonSerializer.Deserialize<IntakeForm>(draft.Answers, Json) ?? new IntakeForm();
        return new Opened(form, draft.ExpiresAt, draft.Language);
    }

    /// <summary>The saved page: until when, and where the link went (masked).</summary>
    public async Task<(DateTime ExpiresAt, string MaskedEmail)?> SavedAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.Set<IntakeDraft>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.ExpiresAt > now, cancellationToken);
        return draft is null ? null : (draft.ExpiresAt, Mask(draft.Email));
    }

    /// <summary>
    /// The browser that saved a form keeps its key (only the key: a random number, no answers) in an HttpOnly cookie for
    /// as long as the draft lasts, so sending that form removes the draft without every other report paying a look-up
    /// for drafts that do not exist. A browser that lost the cookie leaves it to <see cref="IntakeDraftCleanup"/>.
    /// </summary>
    public const string SavedCookie = "hmp-concept";

    /// <summary>Remembers in this browser that the form with this key was saved.</summary>
    public void RememberSaved(HttpContext http, Guid formKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(SavedCookie, formKey.ToString("N"), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/melden",
            MaxAge = options.Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>Whether this browser saved the form with this key (and forgets it: the form is being sent).</summary>
    public static bool TakeSaved(HttpContext http, Guid formKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Guid.TryParse(http.Request.Cookies[SavedCookie], out var saved) || saved != formKey)
        {
            return false;
        }

        http.Response.Cookies.Delete(SavedCookie, new CookieOptions { Path = "/melden", Secure = http.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Strict });
        return true;
    }

    /// <summary>The form was sent: its draft goes, looked for only when this browser saved it or the form carried a draft link (the cookie goes either way).</summary>
    public async Task RemoveSentAsync(HttpContext http, Guid formKey, string? token, CancellationToken cancellationToken)
    {
        if (TakeSaved(http, formKey) | token is { Length: > 0 })
        {
            await RemoveAsync(formKey, token, cancellationToken);
        }
    }

    /// <summary>The report was sent: its draft goes — the one saved from this form, and the one whose link the form carried.</summary>
    public async Task RemoveAsync(Guid formKey, string? token, CancellationToken cancellationToken)
    {
        var hash = token is { Length: > 0 } ? Reporters.ReporterAccess.Hash(token) : null;
        await db.Set<IntakeDraft>().Where(d => d.FormKey == formKey || d.TokenHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>"j…@example.nl": enough for the person to recognise, nothing for someone looking over a shoulder.</summary>
    public static string Mask(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "…" : email[0] + "…" + email[at..];
    }

    private Task<IntakeDraft?> FindAsync(string token, DateTime now, CancellationToken cancellationToken)
    {
        var hash = Reporters.ReporterAccess.Hash(token);
        return db.Set<IntakeDraft>().FirstOrDefaultAsync(d => d.TokenHash == hash && d.ExpiresAt > now, cancellationToken);
    }

    /// <summary>What is kept: the answers and the form's own key and stamp; never the field for programs.</summary>
    private static IntakeForm Kept(IntakeForm form)
    {
        var json = JsonSerializer.Serialize(form, Json);
        var copy = JsonSerializer.Deserialize<IntakeForm>(json, Json)!;
        copy.Website = null;
        return copy;
    }
}

/// <summary>
/// The Hangfire job "intake-drafts" (hourly): removes every draft past its expiry, so nothing waits longer than the page
/// said, and every draft whose form was sent from a browser that no longer knew it had saved it (see
/// <see cref="IntakeDrafts.SavedCookie"/>).
/// </summary>
public sealed class IntakeDraftCleanup(AppDbContext db, TimeProvider clock)
{
    [Hangfire.AutomaticRetry(Attempts = 3)]
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<IntakeDraft>().Where(d => d.ExpiresAt <= now || db.Reports.Any(r => r.IdempotencyKey == d.FormKey)).ExecuteDeleteAsync(cancellationToken);
    }
}
