using Herstelmeldpunt.Web.Api;
using Herstelmeldpunt.Web.Cases.Decisions;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Herstelmeldpunt.Workflow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// Take one step in a case: the form asks for the transition's fields and note, as its definition
/// says. The page carries the case version the person saw; if someone else moved the case meanwhile,
/// nothing is stored and the person is asked to reload. Roles, order and guards are the engine's to refuse.
/// </summary>
public sealed class StepModel(AppDbContext db, CaseWorkflow workflow, WorkflowEngine engine, IStringLocalizer<Ui> texts) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Data { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public int ExpectedVersion { get; set; }

    /// <summary>The provisions ticked as carried out, by checklist key.</summary>
    [BindProperty]
    public Dictionary<string, bool> Carried { get; set; } = [];

    /// <summary>For the step "provisions carried out": one line per decided measure, each to be ticked.</summary>
    public IReadOnlyList<ProvisionChecklist.Item> Provisions { get; private set; } = [];

    public string ReferenceNumber { get; private set; } = string.Empty;

    /// <summary>The language the person reads ("nl" or "en"): free text written here reaches them as written.</summary>
    public string PersonLanguage { get; private set; } = "nl";

    public TransitionDefinition Transition { get; private set; } = null!;

    public IReadOnlyList<(string UserId, string Name, int OpenCases)> Members { get; private set; } = [];

    public Refused? Refusal { get; private set; }

    /// <summary>The committee's advice, shown beside the decision steps.</summary>
    public Advice? Advice { get; private set; }

    /// <summary>What the decision conversation needs in view: how to reach the person, and the proposed decision.</summary>
    public Reports.Report? Contact { get; private set; }

    public IReadOnlyDictionary<string, string?>? ProposedDecision { get; private set; }

    /// <summary>What the decision conversation recorded (before the decision becomes final).</summary>
    public IReadOnlyDictionary<string, string?>? Conversation { get; private set; }

    /// <summary>A checklist line in the words staff read: the measure, or the compensation with its amount, or what was decided instead.</summary>
    public string ProvisionLabel(ProvisionChecklist.Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var label = item.LabelKey is null ? texts["Step.DecidedInstead"].Value + " " + item.Detail : texts[item.LabelKey].Value;
        return item.Amount is { } amount ? label + ": € " + amount.ToString("N2", System.Globalization.CultureInfo.CurrentCulture) : label;
    }

    public string? ProblemFor(string field) => Refusal?.Problems.FirstOrDefault(p => p.Field == field)?.MessageKey;

    public async Task<IActionResult> OnGetAsync(Guid id, string transition, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, transition, cancellationToken) is not { } instance)
        {
            return NotFound();
        }

        ExpectedVersion = instance.Version;
        var option = (await workflow.OptionsAsync(instance, StaffActor.From(User), cancellationToken)).FirstOrDefault(o => o.Transition.Name == transition);
        Refusal = option switch
        {
            null when Transition.From.Contains(instance.State) => new Refused(RefusalReason.RoleNotAllowed, "Workflow.Refused.Role", []),
            null => new Refused(RefusalReason.NotAvailableInState, "Workflow.Refused.NotNow", []),
            { Blocked: true } => new Refused(RefusalReason.GuardFailed, option.Verdict.ReasonKey ?? "Workflow.Refused.Guard", []),
            _ => null,
        };
        if (Transition.Fields.Any(f => f.Name == CaseVocabulary.Fields.Urgency))
        {
            Data[CaseVocabulary.Fields.Urgency] = (await db.Reports.Where(r => r.Id == id).Select(r => r.Urgency).SingleAsync(cancellationToken)).ToString();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string transition, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, transition, cancellationToken) is null)
        {
            return NotFound();
        }

        var note = Note;
        if (Provisions.Count > 0)
        {
            var unticked = ProvisionChecklist.Unticked(Provisions, Carried);
            if (unticked.Count > 0)
            {
                Refusal = new Refused(RefusalReason.InvalidInput, "Workflow.Refused.Input", [.. unticked.Select(i => new FieldProblem("provision_" + i.Key, "Step.Error.ProvisionNotTicked"))]);
                return Page();
            }

            // The journal keeps what was ticked, in the words staff read, above their own note.
            note = string.Join('\n', Provisions.Select(i => "✓ " + ProvisionLabel(i))) + (string.IsNullOrWhiteSpace(Note) ? string.Empty : "\n" + Note.Trim());
        }

        var outcome = await workflow.ApplyAsync(id, transition, StaffActor.From(User), new TransitionInput(ExpectedVersion, Data, note), cancellationToken);
        if (outcome.Applied)
        {
            return RedirectToPage("/BackOffice/Cases/Details", new { id, melding = "stap" });
        }

        Refusal = outcome.Refused;
        return Page();
    }

    private async Task<IReadOnlyDictionary<string, string?>?> LastDataAsync(Guid id, string transition, CancellationToken cancellationToken)
    {
        var json = await db.WorkflowJournal.Where(j => j.InstanceId == id && j.Transition == transition).OrderByDescending(j => j.Sequence).Select(j => j.DataJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(json);
    }

    /// <summary>Loads what the form shows; returns the case's workflow instance, or null when the case or step does not exist.</summary>
    private async Task<WorkflowInstance?> LoadAsync(Guid id, string transition, CancellationToken cancellationToken)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null || engine.DefinitionOf(instance).Transition(transition) is not { } definition)
        {
            return null;
        }

        Transition = definition;
        (ReferenceNumber, PersonLanguage) = await db.Reports.Where(r => r.Id == id).Select(r => new ValueTuple<string, string>(r.ReferenceNumber, r.Language)).SingleAsync(cancellationToken);
        if (definition.Fields.Any(f => f.Type == FieldType.Member))
        {
            Members = await workflow.CommitteeWorkloadAsync(cancellationToken);
        }

        if (transition is CaseVocabulary.Transitions.ApproveAdvice or CaseVocabulary.Transitions.SendBackAdvice)
        {
            Advice = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        }

        if (transition == ProvisionsEndpoint.Transition)
        {
            var advice = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            Provisions = ProvisionChecklist.For(advice, await LastDataAsync(id, CaseVocabulary.Transitions.ProposeDecision, cancellationToken));
        }

        if (transition is CaseVocabulary.Transitions.ProposeDecision or CaseVocabulary.Transitions.FinaliseDecision or CaseVocabulary.Transitions.RecordConversation)
        {
            Advice = await db.Advices.AsNoTracking().Include(a => a.Measures).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            ProposedDecision = await LastDataAsync(id, CaseVocabulary.Transitions.ProposeDecision, cancellationToken);
            Conversation = transition == CaseVocabulary.Transitions.FinaliseDecision ? await LastDataAsync(id, CaseVocabulary.Transitions.RecordConversation, cancellationToken) : null;
            Contact = transition == CaseVocabulary.Transitions.RecordConversation ? await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken) : null;
        }

        return instance;
    }
}
