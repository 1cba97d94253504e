using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.Intake;

/// <summary>
/// The public intake form (use case: a reporter files a report). Two steps on one page: the form, then "check your
/// answers" carrying the values in hidden fields, where documents (evidence, optional) can be added to send with it.
/// Nothing is stored until the final POST (or "save and continue later", <see cref="IntakeDrafts"/>), which stores
/// exactly one report per idempotency key; its documents are checked and scanned first, so a refused file stores nothing.
/// </summary>
[RequestSizeLimit(IntakeLimits.MaxRequestBytes)]
[RequestFormLimits(ValueLengthLimit = IntakeLimits.MaxValueBytes, ValueCountLimit = IntakeLimits.MaxValueCount, KeyLengthLimit = 100, MultipartBodyLengthLimit = IntakeLimits.MaxRequestBytes)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(IntakeOptions.RatePolicy)]
public sealed class IndexModel(PublicFormFiling filing, Documents.DocumentOptions documentOptions, IntakeProtection protection, IntakeDrafts drafts, TimeProvider clock) : PageModel
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
        if (opened.SavedInOtherLanguage() is { } culture)
        {
            Cultures.Remember(HttpContext, culture); // the form speaks the language it was saved in
            return Redirect(IntakeDrafts.LinkPath + concept);
        }

        if (opened.Form is { } saved)
        {
            Form = saved;
            Form.StartedAt ??= protection.Stamp();
            (DraftToken, DraftUntil) = (concept, opened.ExpiresAt);
        }

        DraftUnusable = opened.Form is null;
        return Page();
    }

    /// <summary>
    /// "Save and continue later" (only when the person presses it): the answers so far, whatever their state, are kept
    /// encrypted and a link to finish goes to the email address in the form. Documents are not kept.
    /// </summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (Screen() is { } refused)
        {
            return refused;
        }

        var (id, error) = await drafts.SaveAsync(HttpContext, Form, DraftToken, Cultures.CurrentLanguage, cancellationToken);
        if (error is not null)
        {
            return ShowForm(error);
        }

        return RedirectToPage("Saved", new { id });
    }

    /// <summary>"Continue": validate, then show the answers to check.</summary>
    public IActionResult OnPostReview()
    {
        if (Screen() is { } refused)
        {
            return refused;
        }

        Errors = Validate().Errors;
        Step = Errors.Count == 0 ? IntakeStep.Review : IntakeStep.Form;
        return Page();
    }

    /// <summary>"Change" on the check page: back to the form with everything that was typed.</summary>
    public IActionResult OnPostEdit() => !ModelState.IsValid || !HasKey() ? BadRequest() : ShowForm();

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
            return await filing.StoredAsync(key, cancellationToken) ? RedirectToReceipt(key) : notAPerson;
        }

        var (errors, intake) = Validate();
        if (intake is null)
        {
            return await filing.StoredAsync(key, cancellationToken) ? RedirectToReceipt(key) : ShowForm([.. errors]);
        }

        // Over the node's ceiling, or a document refused: nothing stored, everything typed stays.
        var filed = await filing.SendAsync(HttpContext, intake, stampId, Files, Cultures.CurrentLanguage, cancellationToken);
        switch (filed.Outcome)
        {
            case PublicFormFiling.Outcome.StampUsed:
                return BadRequest();
            case PublicFormFiling.Outcome.DatabaseAway:
                return SendAgainLater("Error.Form.NotSaved");
            case PublicFormFiling.Outcome.Busy:
                return SendAgainLater("Error.Form.Busy");
            case PublicFormFiling.Outcome.FilesRefused:
                Response.StatusCode = filed.StatusCode;
                FilesError = filed.FilesError;
                Step = IntakeStep.Review;
                return Page();
            case PublicFormFiling.Outcome.Filed:
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

    /// <summary>A request that is not this form's (400), or the barrier's answer; null to go on.</summary>
    private IActionResult? Screen() => !ModelState.IsValid || !HasKey() ? BadRequest() : Barrier();

    /// <summary>A program is refused (400, nothing stored); a person who was very quick sees the form again.</summary>
    private IActionResult? Barrier()
    {
        var verdict = protection.Check(Form);
        if (verdict.Verdict == IntakeProtection.Verdict.Program)
        {
            return BadRequest();
        }

        if (verdict.ErrorKey is not { } stopped)
        {
            stampId = verdict.StampId;
            return null;
        }

        if (verdict.Verdict == IntakeProtection.Verdict.Renew)
        {
            // A form opened before an update: everything typed stays, with a new stamp to send it again.
            ModelState.Remove($"{nameof(Form)}.{nameof(IntakeForm.StartedAt)}");
            Form.StartedAt = protection.Stamp();
        }

        return ShowForm(new FieldError(nameof(IntakeForm.StartedAt), stopped));
    }

    private (IReadOnlyList<FieldError> Errors, ValidIntake? Intake) Validate() =>
        IntakeValidator.Validate(Form, AmsterdamTime.Today(clock));

    /// <summary>The form again (its first step) with what to change.</summary>
    private PageResult ShowForm(params FieldError[] errors)
    {
        Errors = errors;
        Step = IntakeStep.Form;
        return Page();
    }

    private bool HasKey() => Guid.TryParse(Form.IdempotencyKey, out var key) && key != Guid.Empty;

    private RedirectToPageResult RedirectToReceipt(Guid key) => RedirectToPage("Receipt", new { key });
}
