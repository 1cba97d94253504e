using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Documents;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.Intake;

public enum IntakeStep
{
    Form,
    Review,
}

/// <summary>
/// The public intake form (use case: a reporter files a report). Two steps on one page, with no
/// server-side draft: the form, then "check your answers" carrying the values in hidden fields, where
/// documents (evidence, optional) can be added to send with it. Nothing is stored until the final POST,
/// which stores exactly one report per idempotency key; its documents are checked and scanned first, so
/// a refused file stores nothing at all.
/// </summary>
[RequestSizeLimit(IntakeLimits.MaxRequestBytes)]
[RequestFormLimits(ValueLengthLimit = IntakeLimits.MaxValueBytes, ValueCountLimit = IntakeLimits.MaxValueCount, KeyLengthLimit = 100, MultipartBodyLengthLimit = IntakeLimits.MaxRequestBytes)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(IntakeOptions.RatePolicy)]
public sealed partial class IndexModel(AppDbContext db, PublicFormFiling filing, Documents.DocumentStore documents, Documents.DocumentOptions documentOptions, Documents.UploadGate uploads, IntakeProtection protection, IntakeCeiling ceiling, IntakeDrafts drafts, Reporters.ReporterAccessOptions access, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>Evidence sent with the report (on the check page).</summary>
    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>Why the documents were refused (the check page shows it, nothing was stored).</summary>
    public string? FilesError { get; private set; }

    public Documents.DocumentOptions DocumentLimits => documentOptions;

    public bool UploadsPossible => documentOptions.UploadsPossible;

    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    public IntakeStep Step { get; private set; } = IntakeStep.Form;

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    /// <summary>The error field of the check page's send button (the summary links to it).</summary>
    public const string SendButton = "Send";

    /// <summary>The id of the form's stamp, once the barrier let it through.</summary>
    private Guid stampId;

    /// <summary>The link of a saved form ("Save and continue later"): it travels with the form so that saving again replaces it and sending removes the draft.</summary>
    [BindProperty]
    public string? DraftToken { get; set; }

    /// <summary>The form came back from a saved draft, kept until then (the page says so).</summary>
    public DateTime? DraftUntil { get; private set; }

    /// <summary>The link of a saved form no longer works (replaced by a newer one, or expired and removed).</summary>
    public bool DraftUnusable { get; private set; }

    /// <summary>The form, empty; or, from the link in the mail, the saved answers to continue with.</summary>
    /// <param name="concept">The token of a saved form's link.</param>
    public async Task<IActionResult> OnGetAsync(string? concept, CancellationToken cancellationToken)
    {
        Form = new IntakeForm { IdempotencyKey = Guid.NewGuid().ToString(), StartedAt = protection.Stamp() };
        if (concept is null)
        {
            return Page();
        }

        var opened = await drafts.OpenAsync(concept, cancellationToken);
        if (opened.Language is { } language && language != Cultures.CurrentLanguage && Cultures.FromLanguage(language) is { } culture)
        {
            Cultures.Remember(HttpContext, culture); // the form speaks the language it was saved in
            return Redirect(IntakeDrafts.LinkPath + concept);
        }

        if (opened.Form is not { } saved)
        {
            DraftUnusable = true;
            return Page();
        }

        Form = saved;
        Form.StartedAt ??= protection.Stamp();
        DraftToken = concept;
        DraftUntil = opened.ExpiresAt;
        return Page();
    }

    /// <summary>
    /// "Save and continue later" (only when the person presses it): the answers so far, whatever their state, are kept
    /// encrypted and a link to finish goes to the email address in the form. Documents are not kept.
    /// </summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !HasKey())
        {
            return BadRequest();
        }

        if (Barrier() is { } refused)
        {
            return refused;
        }

        var (email, error) = IntakeDrafts.LinkAddress(Form);
        if (email is null)
        {
            Errors = [error!];
            Step = IntakeStep.Form;
            return Page();
        }

        var id = await drafts.SaveAsync(Form, DraftToken, email, Cultures.CurrentLanguage, cancellationToken);
        drafts.RememberSaved(HttpContext, Guid.Parse(Form.IdempotencyKey!));
        return RedirectToPage("Saved", new { id });
    }

    /// <summary>"Continue": validate, then show the answers to check.</summary>
    public IActionResult OnPostReview()
    {
        if (!ModelState.IsValid || !HasKey())
        {
            return BadRequest();
        }

        if (Barrier() is { } refused)
        {
            return refused;
        }

        Errors = Validate().Errors;
        Step = Errors.Count == 0 ? IntakeStep.Review : IntakeStep.Form;
        return Page();
    }

    /// <summary>"Change" on the check page: back to the form with everything that was typed.</summary>
    public IActionResult OnPostEdit()
    {
        if (!ModelState.IsValid || !HasKey())
        {
            return BadRequest();
        }

        Step = IntakeStep.Form;
        return Page();
    }

    /// <summary>The language switch while filling in: keeps the answers and the step.</summary>
    public IActionResult OnPostLanguage(string? language, string? step)
    {
        if (!ModelState.IsValid || !HasKey() || Cultures.FromLanguage(language) is not { } culture)
        {
            return BadRequest();
        }

        Cultures.Remember(HttpContext, culture); // this request's culture was already set by FormLanguageCultureProvider
        Step = step == nameof(IntakeStep.Review) && Validate().Errors.Count == 0 ? IntakeStep.Review : IntakeStep.Form;
        return Page();
    }

    /// <summary>"Send": store the report once, then show the receipt (post-redirect-get).</summary>
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !Guid.TryParse(Form.IdempotencyKey, out var key) || key == Guid.Empty)
        {
            return BadRequest();
        }

        // A double click, a retried POST or back-and-resubmit: the first one stored it, show its receipt. Storing
        // finds that out itself (in the same round trip as its other look-ups); here it is asked only when this
        // request would otherwise be refused, so a resubmit after an edit still gets the receipt.
        if (Barrier() is { } notAPerson)
        {
            return await StoredAsync(key, cancellationToken) ? RedirectToReceipt(key) : notAPerson;
        }

        var (errors, intake) = Validate();
        if (intake is null)
        {
            if (await StoredAsync(key, cancellationToken))
            {
                return RedirectToReceipt(key);
            }

            Errors = errors;
            Step = IntakeStep.Form;
            return Page();
        }

        // Over this node's ceiling for all addresses together: everything typed stays, send again in a minute.
        if (!ceiling.TryEnter())
        {
            if (await StoredAsync(key, cancellationToken))
            {
                return RedirectToReceipt(key);
            }

            LogCeiling();
            return SendAgainLater("Error.Form.Busy");
        }

        // The documents are read, recognised and scanned before anything is stored, one at a time and only as many
        // uploads at once as the gate allows: a refused file shows the check page again with the reason, and
        // neither the report nor any file is kept.
        var (files, readError) = documents.Take(Files);
        var entry = files.Count > 0 && readError is null ? uploads.TryEnter(HttpContext, files.Sum(f => f.Length)) : default;
        using var upload = entry.Lease;
        var firstError = readError ?? (entry.Refused is { } over ? UploadGate.MessageKey(over) : null);
        var (accepted, refused) = firstError is null ? await documents.CheckAsync(files, cancellationToken) : ([], firstError);
        if (refused is not null)
        {
            if (await StoredAsync(key, cancellationToken))
            {
                return RedirectToReceipt(key);
            }

            Response.StatusCode = UploadGate.StatusCode(entry.Refused);
            FilesError = refused;
            Step = IntakeStep.Review;
            return Page();
        }

        var filed = await filing.FileAsync(intake, stampId, accepted, Cultures.CurrentLanguage, cancellationToken);
        switch (filed.Outcome)
        {
            case PublicFormFiling.Outcome.StampUsed:
                return BadRequest();
            case PublicFormFiling.Outcome.DatabaseAway:
                return SendAgainLater("Error.Form.NotSaved");
            case PublicFormFiling.Outcome.Filed:
                Reporters.ReceiptAccess.Remember(HttpContext, filed.ReceiptToken!, access.LinkLifetime);
                await drafts.RemoveSentAsync(HttpContext, key, DraftToken, cancellationToken); // sent: the saved copy goes
                break;
        }

        return RedirectToReceipt(key);
    }

    /// <summary>
    /// The check page again (503, try again in a minute) with every answer kept; the documents must be chosen again
    /// (a browser never sends a file twice), which the message then says.
    /// </summary>
    private PageResult SendAgainLater(string messageKey)
    {
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "60";
        Errors = [new FieldError(SendButton, Files.Count > 0 ? messageKey + "WithFiles" : messageKey)];
        Step = IntakeStep.Review;
        return Page();
    }

    /// <summary>A program is refused (400, nothing stored); a person who was very quick sees the form again.</summary>
    private IActionResult? Barrier()
    {
        var verdict = protection.Check(Form);
        switch (verdict.Verdict)
        {
            case IntakeProtection.Verdict.Program:
                LogBarrier();
                return BadRequest();
            case IntakeProtection.Verdict.TooFast:
                Errors = [new FieldError(nameof(IntakeForm.StartedAt), "Error.Form.TooFast")];
                Step = IntakeStep.Form;
                return Page();
            case IntakeProtection.Verdict.Renew:
                // A form opened before an update: everything typed stays, with a new stamp to send it again.
                ModelState.Remove($"{nameof(Form)}.{nameof(IntakeForm.StartedAt)}");
                Form.StartedAt = protection.Stamp();
                Errors = [new FieldError(nameof(IntakeForm.StartedAt), "Error.Form.Renewed")];
                Step = IntakeStep.Form;
                return Page();
            default:
                stampId = verdict.StampId;
                return null;
        }
    }

    private (IReadOnlyList<FieldError> Errors, ValidIntake? Intake) Validate() =>
        IntakeValidator.Validate(Form, AmsterdamTime.Today(clock));

    private Task<bool> StoredAsync(Guid key, CancellationToken cancellationToken) =>
        db.Reports.AnyAsync(r => r.IdempotencyKey == key, cancellationToken);

    private bool HasKey() => Guid.TryParse(Form.IdempotencyKey, out var key) && key != Guid.Empty;

    private RedirectToPageResult RedirectToReceipt(Guid key) => RedirectToPage("Receipt", new { key });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form refused: filled in by a program (hidden field filled, or no valid start time)")]
    private partial void LogBarrier();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake form turned away: this node's ceiling of reports per minute was reached")]
    private partial void LogCeiling();
}
