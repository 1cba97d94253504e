using System.Globalization;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Forms;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// The committee's individual advice on one report. Recovery first: the measures, each with reasons.
/// Then compensation: none, an amount with its basis, or another form — refused until the recovery
/// part is complete. Or: no additional help needed, with reasons. Only the assigned member (or the
/// chair) edits, and only while the case is with the committee; submitting is a workflow step.
/// </summary>
public sealed class AdviceModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed class MeasureInput
    {
        public bool Selected { get; set; }

        public string? Reasons { get; set; }
    }

    [BindProperty]
    public Dictionary<RecoveryMeasureKind, MeasureInput> Measures { get; set; } = [];

    [BindProperty]
    public string? Compensation { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? CompensationDetails { get; set; }

    [BindProperty]
    public string? CompensationReasons { get; set; }

    [BindProperty]
    public string? NoHelpReasons { get; set; }

    /// <summary>The explanation for the person, in plain words (shown with the proposed decision, v5 on).</summary>
    [BindProperty]
    public string? ForThePerson { get; set; }

    public string ReferenceNumber { get; private set; } = string.Empty;

    public Advice? Current { get; private set; }

    public List<FieldError> Errors { get; } = [];

    public string? RefusalKey { get; private set; }

    public string? NoticeKey { get; private set; }

    /// <summary>An error's text: a measure's reason names the measure, so several missing reasons are told apart.</summary>
    public string MessageFor(FieldError error, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(texts);
        return error.Field.StartsWith("Reasons_", StringComparison.Ordinal)
            ? texts[error.MessageKey, texts["Measure." + error.Field["Reasons_".Length..]]].Value
            : texts[error.MessageKey].Value;
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.MessageKey;

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken cancellationToken)
    {
        var (found, refusal) = await LoadAsync(id, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        RefusalKey = refusal;
        NoticeKey = melding is "herstel" or "compensatie" or "geenhulp" or "uitleg" ? "Advice.Saved" : null;
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await GuardAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        var chosen = Measures.Where(m => Enum.IsDefined(m.Key) && m.Value.Selected).ToList();
        Errors.AddRange(AdviceValidator.Recovery([.. chosen.Select(m => (m.Key, m.Value.Reasons))]));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var advice = await EnsureAdviceAsync(id, cancellationToken);
        advice.NoAdditionalHelp = false;
        advice.NoAdditionalHelpReasons = null;
        db.RemoveRange(advice.Measures);
        advice.Measures = [.. chosen.Select(m => new RecoveryMeasure { Id = Guid.CreateVersion7(clock.GetUtcNow()), AdviceId = id, Kind = m.Key, Reasons = m.Value.Reasons!.Trim() })];
        advice.RecoveryCompletedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(id, "herstel", cancellationToken);
    }

    public async Task<IActionResult> OnPostCompensationAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await GuardAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        // Recovery first: the compensation part cannot be completed before the recovery part.
        if (Current?.RecoveryCompletedAt is null)
        {
            RefusalKey = "Advice.Error.RecoveryFirst";
            Fill();
            return Page();
        }

        var (errors, valid) = AdviceValidator.Compensation(Compensation, Amount, CompensationDetails, CompensationReasons);
        if (valid is null)
        {
            Errors.AddRange(errors);
            return Page();
        }

        var advice = await EnsureAdviceAsync(id, cancellationToken);
        advice.Compensation = valid.Kind;
        advice.CompensationAmount = valid.Amount;
        advice.CompensationDetails = valid.Details;
        advice.CompensationReasons = valid.Reasons;
        advice.CompensationCompletedAt = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(id, "compensatie", cancellationToken);
    }

    public async Task<IActionResult> OnPostNoHelpAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await GuardAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        Errors.AddRange(AdviceValidator.NoHelp(NoHelpReasons));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var advice = await EnsureAdviceAsync(id, cancellationToken);
        db.RemoveRange(advice.Measures);
        advice.Measures = [];
        advice.RecoveryCompletedAt = null;
        advice.Compensation = null;
        advice.CompensationAmount = null;
        advice.CompensationDetails = null;
        advice.CompensationReasons = null;
        advice.CompensationCompletedAt = null;
        advice.NoAdditionalHelp = true;
        advice.NoAdditionalHelpReasons = NoHelpReasons!.Trim();
        return await SaveAsync(id, "geenhulp", cancellationToken);
    }

    public async Task<IActionResult> OnPostForThePersonAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await GuardAsync(id, cancellationToken) is { } stop)
        {
            return stop;
        }

        var text = ForThePerson?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Reports.FieldLimits.LongText)
        {
            Errors.Add(new FieldError(nameof(ForThePerson), string.IsNullOrEmpty(text) ? "Advice.ForThePerson.Required" : "Advice.ForThePerson.TooLong"));
            return Page();
        }

        var advice = await EnsureAdviceAsync(id, cancellationToken);
        advice.ForThePerson = text;
        return await SaveAsync(id, "uitleg", cancellationToken);
    }

    private async Task<IActionResult?> GuardAsync(Guid id, CancellationToken cancellationToken)
    {
        var (found, refusal) = await LoadAsync(id, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        if (refusal is not null)
        {
            RefusalKey = refusal;
            Fill();
            return Page();
        }

        return null;
    }

    private async Task<(bool Found, string? RefusalKey)> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null)
        {
            return (false, null);
        }

        ReferenceNumber = await db.Reports.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync(cancellationToken);
        Current = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var actor = StaffActor.From(User);
        if (!actor.Roles.Contains(StaffRoles.CommitteeMember) && !actor.Roles.Contains(StaffRoles.CommitteeChair))
        {
            return (true, "Workflow.Refused.Role");
        }

        if (instance.State != CaseVocabulary.States.WithCommittee)
        {
            return (true, "Advice.Error.NotWithCommittee");
        }

        return CaseAccess.IsAssignedOrChair(actor, instance) ? (true, null) : (true, "Guard.NotAssigned");
    }

    private async Task<Advice> EnsureAdviceAsync(Guid id, CancellationToken cancellationToken)
    {
        var advice = await db.Advices.Include(a => a.Measures).Include(a => a.Contributors).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (advice is null)
        {
            advice = new Advice { Id = id };
            db.Advices.Add(advice);
        }

        // Everyone who saves a part is kept for the four-eyes check, not only the last one.
        advice.WrittenNowBy(StaffActor.From(User).UserId!, clock.GetUtcNow().UtcDateTime);
        return advice;
    }

    private async Task<IActionResult> SaveAsync(Guid id, string notice, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Advice", new { id, melding = notice });
    }

    private void Fill()
    {
        foreach (var kind in Enum.GetValues<RecoveryMeasureKind>())
        {
            var existing = Current?.Measures.FirstOrDefault(m => m.Kind == kind);
            Measures.TryAdd(kind, new MeasureInput { Selected = existing is not null, Reasons = existing?.Reasons });
        }

        Compensation ??= Current?.Compensation?.ToString();
        Amount ??= Current?.CompensationAmount?.ToString("0.00", CultureInfo.GetCultureInfo("nl-NL"));
        CompensationDetails ??= Current?.CompensationDetails;
        CompensationReasons ??= Current?.CompensationReasons;
        NoHelpReasons ??= Current?.NoAdditionalHelpReasons;
        ForThePerson ??= Current?.ForThePerson;
    }
}
