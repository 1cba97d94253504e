using System.Security.Claims;
using Herstelmeldpunt.Web.Common;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Intake;
using Herstelmeldpunt.Web.Reports;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// Staff bring in a case themselves (seed 001: when they suspect someone is in trouble): the report's
/// questions plus how it reached them and why. The member of staff is recorded as the source. A second
/// report for the same BSN is flagged and linked to the first, never merged.
/// </summary>
[RequestFormLimits(ValueLengthLimit = IntakeLimits.MaxValueBytes, ValueCountLimit = IntakeLimits.MaxValueCount, KeyLengthLimit = 100)]
public sealed partial class NewModel(ReportIntake intakes, TimeProvider clock, ILogger<NewModel> logger) : PageModel
{
    public sealed class StaffDetails
    {
        /// <summary>Phone, Letter, Counter or ColleagueSignal.</summary>
        public string? Channel { get; set; }

        public string? Reason { get; set; }

        /// <summary>"nl" or "en": the person's language for letters and emails.</summary>
        public string? Language { get; set; }
    }

    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    [BindProperty]
    public StaffDetails Staff { get; set; } = new();

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public void OnGet() => Form = new IntakeForm { IdempotencyKey = Guid.NewGuid().ToString() };

    /// <summary>Whether the check-your-answers step is shown (nothing is stored before "Save").</summary>
    public bool Reviewing { get; private set; }

    /// <summary>"Continue": validate everything, then show the answers to read back with the reporter.</summary>
    public IActionResult OnPostReview()
    {
        if (!ModelState.IsValid || !HasKey())
        {
            return BadRequest();
        }

        Errors = Validate().Errors;
        Reviewing = Errors.Count == 0;
        return Page();
    }

    /// <summary>"Change answers": back to the form with everything that was typed.</summary>
    public IActionResult OnPostEdit()
    {
        if (!ModelState.IsValid || !HasKey())
        {
            return BadRequest();
        }

        return Page();
    }

    /// <summary>"Save": validate again (the hidden fields are input too) and store exactly one report per key.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !HasKey())
        {
            return BadRequest();
        }

        var (errors, intake, channel, reason) = Validate();
        if (intake is null || errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var report = ReportIntake.FromIntake(intake, clock.GetUtcNow().UtcDateTime, ReportSource.Staff, Staff.Language!);
        report.Channel = channel;
        report.StaffReason = reason;
        report.CreatedByUserId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var (stored, created) = await intakes.StoreOnceAsync(report, StaffActor.From(User), cancellationToken);
        if (created)
        {
            LogCaseBroughtIn(stored.ReferenceNumber, stored.Urgency, stored.Channel);
        }

        return RedirectToPage("/BackOffice/Cases/Details", new { id = stored.Id, melding = "nieuw" });
    }

    private bool HasKey() => Guid.TryParse(Form.IdempotencyKey, out var key) && key != Guid.Empty;

    private (IReadOnlyList<FieldError> Errors, ValidIntake? Intake, IntakeChannel? Channel, string? Reason) Validate()
    {
        var errors = new List<FieldError>();
        IntakeChannel? channel = Enum.TryParse<IntakeChannel>(Staff.Channel, ignoreCase: false, out var c) && Enum.IsDefined(c) ? c : null;
        if (channel is null)
        {
            errors.Add(new("Staff_Channel", "StaffIntake.Error.Channel"));
        }

        var reason = Staff.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(new("Staff_Reason", "StaffIntake.Error.Reason"));
        }
        else if (reason.Length > FieldLimits.StaffReason)
        {
            errors.Add(new("Staff_Reason", "StaffIntake.Error.ReasonTooLong"));
        }

        if (Staff.Language is not ("nl" or "en"))
        {
            errors.Add(new("Staff_Language", "StaffIntake.Error.Language"));
        }

        var (formErrors, intake) = IntakeValidator.Validate(Form, AmsterdamTime.Today(clock));
        errors.AddRange(formErrors);
        return (errors, intake, channel, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReferenceNumber} brought in by staff, urgency {Urgency}, channel {Channel}")]
    private partial void LogCaseBroughtIn(string referenceNumber, UrgencyLevel urgency, IntakeChannel? channel);
}
