using Herstelmeldpunt.Web.Cases;
using Herstelmeldpunt.Web.Data;
using Herstelmeldpunt.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Herstelmeldpunt.Web.Pages.BackOffice.Cases;

/// <summary>The author corrects their note, within the correction window; nobody deletes one.</summary>
public sealed class NoteModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public CaseNote Note { get; private set; } = null!;

    public bool MayCorrect { get; private set; }

    [BindProperty]
    public string? NoteText { get; set; }

    public string? ErrorKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(caseId, id, cancellationToken))
        {
            return NotFound();
        }

        NoteText = Note.Text;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid caseId, Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(caseId, id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayCorrect)
        {
            return Page();
        }

        ErrorKey = CaseNote.Check(NoteText);
        if (ErrorKey is not null)
        {
            return Page();
        }

        Note.Text = NoteText!.Trim();
        Note.CorrectedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/BackOffice/Cases/Details", null, new { id = caseId, melding = "notitie" }, "notes");
    }

    private async Task<bool> LoadAsync(Guid caseId, Guid id, CancellationToken cancellationToken)
    {
        if (await db.Set<CaseNote>().FirstOrDefaultAsync(n => n.Id == id && n.CaseId == caseId, cancellationToken) is not { } note)
        {
            return false;
        }

        Note = note;
        MayCorrect = note.MayBeCorrectedBy(StaffActor.From(User).UserId, clock.GetUtcNow());
        return true;
    }
}
