using Herstelmeldpunt.Web.Cases.Lists;
using Herstelmeldpunt.Web.Cases.Process;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Localization;
using Herstelmeldpunt.Web.Staff;
using Herstelmeldpunt.Workflow.Definitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>
/// All reports, most urgent first, then oldest: filtered (step, urgency, source, assignee, period,
/// overdue), searched (reference number, name, or BSN — a BSN search is written to the audit log), and
/// paged by position (<see cref="CaseLists"/>), never by counting or skipping rows. The filter is in the
/// address, so it can be bookmarked, shared and saved. No BSN or health details in the list.
/// </summary>
public sealed class IndexModel(AppDbContext db, WorkflowCatalog catalog, TimeProvider clock, CaseWorkflow workflow, SearchTokens searchTokens) : PageModel
{
    public const int PageSize = 50;

    public const string Path = "/backoffice/meldingen";

    public CaseFilter Filter { get; private set; } = CaseFilter.Parse(new QueryCollection());

    public IReadOnlyList<QueueRow> Reports { get; private set; } = [];

    public string? NextPage { get; private set; }

    public IReadOnlyList<(string Name, string Label)> States { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Colleagues { get; private set; } = [];

    public IReadOnlyList<SavedFilter> Saved { get; private set; } = [];

    public CaseFiltersView FilterView => new(Filter, Path, States, Colleagues, Saved, SavedFilters.ErrorFrom(Request.Query));

    public string Label(QueueRow row) => catalog.Get(row.DefinitionId, row.DefinitionVersion).State(row.State).Label.In(Cultures.CurrentLanguage);

    /// <summary>The filter form: answered with the list's address, a person search in it as a token.</summary>
    public IActionResult OnPost() =>
        Redirect(searchTokens.Hide(CaseFilter.Parse(new QueryCollection(Request.Form.ToDictionary(f => f.Key, f => f.Value)))).Link(Path));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = searchTokens.Reveal(CaseFilter.Parse(Request.Query));
        var language = Cultures.CurrentLanguage;
        States = [.. catalog.All.SelectMany(d => d.States).GroupBy(s => s.Name).Select(g => (g.Key, g.Last().Label.In(language)))];
        Colleagues = [.. (await workflow.CommitteeWorkloadAsync(cancellationToken)).Select(m => (m.UserId, m.Name)).OrderBy(m => m.Name, StringComparer.CurrentCulture)];
        var actor = StaffActor.From(User);
        Saved = await SavedFilters.ForAsync(db, actor.UserId ?? string.Empty, Path, cancellationToken);
        string? personSearch = null;
        var query = CaseLists.Filter(db, CaseLists.Entries(db), Filter, actor.UserId, action => personSearch = action);
        (Reports, NextPage) = await CaseLists.PageAsync(db, query, Filter.After, PageSize, cancellationToken);
        if (personSearch is not null)
        {
            if (personSearch == Audit.AccessActions.FoundByBsn)
            {
                Audit.AuditLog.Record(db, clock, User, "case.search-bsn", "case list", "a BSN was searched"); // who searched, not the number
            }

            // Whose cases the search showed: one access-log row per case on the page.
            Audit.AccessLog.Record(db, clock, HttpContext, personSearch, Reports.Select(r => (Guid?)r.Id), "case list");
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (Reports.Count > 0)
        {
            // Names looked at without a search: one row for the view.
            Audit.AccessLog.RecordList(db, clock, HttpContext, "case list", Reports.Count, Filter.After is null);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public string Link(string? after) => Filter.Link(Path, after);
}
