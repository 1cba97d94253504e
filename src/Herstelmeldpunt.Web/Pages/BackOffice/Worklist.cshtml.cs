using Herstelmeldpunt.Web.Cases.Lists;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice;

/// <summary>
/// My worklist: cases in states whose definition lists one of my roles, most urgent first, then oldest,
/// paged by position and filtered like the case list (<see cref="CaseLists"/>). In assigned states (the
/// committee) a member sees only the cases assigned to them; the chair sees the whole committee's.
/// Managers also see every case whose deadline passed while it is still in that step (the escalation is
/// the fired timer row); "only overdue" shows just those. Names are shown to the roles that see case files.
/// </summary>
public sealed class WorklistModel(AppDbContext db, WorkflowCatalog catalog, CaseWorkflow workflow, IAuthorizationService authorization, TimeProvider clock, SearchTokens searchTokens, Web.Cases.Promises.PromiseOptions promiseOptions) : PageModel
{
    public const int PageSize = 50;

    public const string Path = "/backoffice/werkvoorraad";

    public CaseFilter Filter { get; private set; } = CaseFilter.Parse(new QueryCollection());

    public IReadOnlyList<QueueRow> Cases { get; private set; } = [];

    public string? NextPage { get; private set; }

    public bool ShowNames { get; private set; }

    public IReadOnlyList<(string Name, string Label)> States { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Colleagues { get; private set; } = [];

    public IReadOnlyList<SavedFilter> Saved { get; private set; } = [];

    public CaseFiltersView FilterView => new(Filter, Path, States, Colleagues, Saved, SavedFilters.ErrorFrom(Request.Query));

    public string Label(QueueRow row) => catalog.Get(row.DefinitionId, row.DefinitionVersion).State(row.State).Label.In(Cultures.CurrentLanguage);

    public string Link(string? after) => Filter.Link(Path, after);

    /// <summary>The filter form: answered with the list's address, a person search in it as a token.</summary>
    public IActionResult OnPost() =>
        Redirect(searchTokens.Hide(CaseFilter.Parse(new QueryCollection(Request.Form.ToDictionary(f => f.Key, f => f.Value)))).Link(Path));

    /// <summary>A re-triage task: the case, its urgency now, the working day it is due.</summary>
    public sealed record WorseTask(Guid CaseId, string ReferenceNumber, Reports.UrgencyLevel Urgency, DateOnly DueOn);

    /// <summary>Open "situation got worse" reports (intake only), oldest due first.</summary>
    public IReadOnlyList<WorseTask> Worse { get; private set; } = [];

    /// <summary>Late promises not done: the owner's (role or member) and, for managers, all.</summary>
    public IReadOnlyList<Web.Cases.Promises.LatePromise> LatePromises { get; private set; } = [];

    /// <summary>The silence alarm: open cases on my worklist whose person heard nothing for the set number of days.</summary>
    public IReadOnlyList<Web.Cases.Promises.SilentCase> Silent { get; private set; } = [];

    /// <summary>Callback requests not done (customer contact and managers).</summary>
    public IReadOnlyList<Web.Cases.Promises.CallbackTask> Callbacks { get; private set; } = [];

    public int SilenceDays => promiseOptions.SilenceDays;

    /// <summary>The confirmation after an action on this page's lists (<c>?melding=…</c>).</summary>
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? melding, CancellationToken cancellationToken)
    {
        Notice = melding switch
        {
            "update" => "Silence.Sent",
            "update-bellen" => "Silence.NoChannel",
            "update-niet-nodig" => "Silence.NotSilent",
            "teruggebeld" => "Callback.Done",
            "niet-bereikt" => "Callback.TryAgain",
            _ => null,
        };
        Filter = searchTokens.Reveal(CaseFilter.Parse(Request.Query));
        var actor = StaffActor.From(User);
        var language = Cultures.CurrentLanguage;
        var me = actor.UserId;
        States = [.. CaseLists.WorklistStates(catalog, actor.Roles).GroupBy(s => s.Name).Select(g => (g.Key, g.Last().Label.In(language)))];
        if (actor.Roles.Contains(StaffRoles.CommitteeChair) || actor.Roles.Contains(StaffRoles.Manager))
        {
            Colleagues = [.. (await workflow.CommitteeWorkloadAsync(cancellationToken)).Select(m => (m.UserId, m.Name)).OrderBy(m => m.Name, StringComparer.CurrentCulture)];
        }

        ShowNames = (await authorization.AuthorizeAsync(User, Policies.CaseFiles)).Succeeded;
        if (actor.Roles.Contains(StaffRoles.IntakeStaff))
        {
            // "My situation got worse": intake looks again within a working day; the oldest due first.
            Worse = await db.SituationReports.AsNoTracking().Where(s => s.HandledAt == null).OrderBy(s => s.DueOn).ThenBy(s => s.ReportedAt).Take(PageSize)
                .Join(db.Reports, s => s.CaseId, r => r.Id, (s, r) => new WorseTask(s.CaseId, r.ReferenceNumber, r.Urgency, s.DueOn)).ToListAsync(cancellationToken);
        }

        LatePromises = await Web.Cases.Promises.PromiseWorklist.LateAsync(db, actor.Roles, me, PageSize, cancellationToken);
        Silent = await Web.Cases.Promises.PromiseWorklist.SilentAsync(db, catalog, actor.Roles, me, promiseOptions.SilentSince(clock), PageSize, cancellationToken);
        if (BackOffice.Cases.CallbackModel.Roles.Any(actor.Roles.Contains))
        {
            Callbacks = await Web.Cases.Promises.PromiseWorklist.CallbacksAsync(db, PageSize, cancellationToken);
        }

        Saved = await SavedFilters.ForAsync(db, me ?? string.Empty, Path, cancellationToken);
        string? personSearch = null;
        var parts = CaseLists.Worklist(db, catalog, actor.Roles, me).Select(part => CaseLists.Filter(db, part, Filter, me, action => personSearch = action)).ToList();
        (Cases, NextPage) = await CaseLists.PageAsync(db, parts, Filter.After, PageSize, cancellationToken);
        if (personSearch is not null)
        {
            if (personSearch == Audit.AccessActions.FoundByBsn)
            {
                Audit.AuditLog.Record(db, clock, User, "case.search-bsn", "worklist", "a BSN was searched"); // who searched, not the number
            }

            // Whose cases the search showed: one access-log row per case on the page.
            Audit.AccessLog.Record(db, clock, HttpContext, personSearch, Cases.Select(r => (Guid?)r.Id), "worklist");
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (ShowNames && Cases.Count > 0)
        {
            // Names looked at without a search: one row for the view.
            Audit.AccessLog.RecordList(db, clock, HttpContext, "worklist", Cases.Count, Filter.After is null);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
